using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Threading.Channels;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.Limits;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace Coursera.Subgraphs;

/// <summary>
/// Runs GraphQL requests against one schema with the endpoint's limits applied. The HTTP and WebSocket transports
/// use it, and so will the gateway's in-process transport, so every path into a subgraph gets the same rules.
/// </summary>
public sealed class SubgraphExecutor<TSchema>(
    IDocumentExecuter<TSchema> executer,
    IOptions<GraphQLEndpointOptions> options,
    SubgraphEnvironment environment)
    where TSchema : ISchema
{
    private readonly IValidationRule[] _validationRules = BuildRules(options.Value, environment);

    public GraphQLEndpointOptions Options => options.Value;

    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLRequest request,
        GraphQLDocument? document,
        IServiceProvider requestServices,
        ClaimsPrincipal? user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        document ??= TryParse(request.Query);
        if (document is not null
            && OperationShapeLimits.Check(document, options.Value.MaxAliases, options.Value.MaxRootFields) is { Count: > 0 } refused)
        {
            return new ExecutionResult { Executed = false, Errors = [.. refused] };
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ExecutionTimeout);
        try
        {
            return await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = request.Query,
                Document = document,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                RequestServices = requestServices,
                User = user,
                CancellationToken = timeout.Token,
                ValidationRules = _validationRules,
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // GraphQL.NET rethrows cancellation instead of reporting it; a request that ran out of time is still
            // answered, with TIMEOUT, rather than failing the transport. Only a caller that went away gets the exception.
            return new ExecutionResult
            {
                Executed = true,
                Errors = [new ExecutionError($"The request did not complete within {options.Value.ExecutionTimeout.TotalSeconds:0.###} s.") { Code = ErrorCodes.Timeout }],
            };
        }
    }

    /// <summary>
    /// Runs a request whose results may be a stream: one result per event for a subscription (a failing source stream
    /// ends with a result carrying its error), the single result for a query or mutation, and a result with
    /// <see cref="ExecutionResult.Executed"/> false when nothing ran. Leaving the enumeration stops the subscription.
    /// </summary>
    public async IAsyncEnumerable<ExecutionResult> SubscribeAsync(
        GraphQLRequest request,
        IServiceProvider requestServices,
        ClaimsPrincipal? user,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(request, null, requestServices, user, cancellationToken).ConfigureAwait(false);
        if (result.Streams is not { Count: > 0 } streams)
        {
            yield return result;
            yield break;
        }

        // Events are queued, so a slow reader never blocks the publisher.
        var events = Channel.CreateUnbounded<ExecutionResult>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = streams.Values.First().Subscribe(new ChannelObserver(events.Writer));
        await foreach (var item in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Parsed once here for the limits and handed to the executer; a syntax error is left to the executer to report.</summary>
    private static GraphQLDocument? TryParse(string? query)
    {
        try
        {
            return query is null ? null : GraphQLParser.Parser.Parse(query);
        }
        catch (GraphQLParserException)
        {
            return null;
        }
    }

    private static IValidationRule[] BuildRules(GraphQLEndpointOptions options, SubgraphEnvironment environment)
    {
        var rules = DocumentValidator.CoreRules.ToList();
        rules.Add(new ComplexityValidationRule(new ComplexityOptions
        {
            MaxDepth = options.MaxDepth,
            MaxComplexity = options.MaxComplexity,
        }));
        if (!(options.EnableIntrospection ?? environment.IsDevelopment))
        {
            rules.Add(NoIntrospectionValidationRule.Instance);
        }

        return [.. rules];
    }

    private sealed class ChannelObserver(ChannelWriter<ExecutionResult> events) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => events.TryWrite(value);

        public void OnError(Exception error)
        {
            // GraphQL.NET hands over the ExecutionError it made of the stream's failure (the resolver's own, or an
            // UnhandledError); wrapping it again would turn a NOT_FOUND into INTERNAL.
            var executionError = error as ExecutionError ?? new UnhandledError("Response stream error.", error);
            events.TryWrite(new ExecutionResult { Executed = true, Errors = [executionError] });
            events.TryComplete();
        }

        public void OnCompleted() => events.TryComplete();
    }
}

/// <summary>Whether the process runs in Development: decides the defaults for introspection and suggestions.</summary>
public sealed record SubgraphEnvironment(bool IsDevelopment);
