using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Limits;
using Coursera.Gateway.Http;
using Coursera.Gateway.Persisted;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.WebSockets;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Coursera.Gateway;

/// <summary>
/// Runs client requests through the federation engine, after the persisted-operation rules
/// (<see cref="PersistedOperations"/>) and within <see cref="GraphQLEndpointOptions.ExecutionTimeout"/>. Outside
/// Development (unless <c>GraphQL:ExposeSuggestions</c> says otherwise) "Did you mean" hints are removed from every
/// error. In Development, the header <c>X-Query-Plan: true</c> adds the plan to the response's <c>extensions</c>.
/// With Redis, each operation's estimated cost is taken from its caller's <see cref="QueryCostBudget"/> before it runs,
/// and <c>extensions.cost</c> reports the budget to API clients (to others on <c>X-Query-Cost: true</c>).
/// Over graphql-transport-ws it also runs subscriptions (<see cref="SubscribeAsync"/>).
/// </summary>
public sealed class GatewayExecutor(
    SupergraphProvider supergraph,
    PersistedOperations persisted,
    IOptions<GraphQLEndpointOptions> options,
    IHostEnvironment environment,
    QueryCostBudget? budget = null)
    : IGraphQLExecutor, IGraphQLStreamExecutor
{
    public const string QueryPlanHeader = "X-Query-Plan";

    private readonly bool _exposeSuggestions = options.Value.ExposeSuggestions ?? environment.IsDevelopment();

    public GraphQLEndpointOptions Options => options.Value;

    public async Task<IGraphQLResult> ExecuteAsync(GraphQLRequest request, GraphQLDocument? document, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<PersistedQueryRefusal>() is { } refusal)
        {
            return new Result(refusal.Error.ToResponse());
        }

        using var deadline = StartDeadline(http);
        return new Result(await ExecuteAsync(request, http, deadline.Token));
    }

    /// <summary>A token cancelled when the client goes away or the request has run for the execution timeout; a batch shares one.</summary>
    internal CancellationTokenSource StartDeadline(HttpContext http)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(Options.ExecutionTimeout);
        return deadline;
    }

    internal async Task<JsonObject> ExecuteAsync(GraphQLRequest request, HttpContext http, CancellationToken deadline)
    {
        var (refused, registerAs) = persisted.Admit(request);
        if (refused is not null)
        {
            return refused.ToResponse();
        }

        JsonObject response;
        try
        {
            var gateway = await supergraph.GetAsync(deadline);
            var variables = request.Variables is null ? null : JsonSerializer.SerializeToNode(request.Variables) as JsonObject;
            QueryCostThrottle? throttle = null;
            OperationAdmission? admit = budget is { Enabled: true } ? async (cost, token) =>
            {
                throttle = await budget.TakeAsync(http, cost, token);
                if (throttle is not { Admitted: false } refused)
                {
                    return null;
                }

                if (refused.RetryAfter != TimeSpan.MaxValue)
                {
                    http.Response.Headers.RetryAfter = ((long)refused.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return refused.ToRefusal();
            }
            : null;
            response = await gateway.ExecuteAsync(request.Query, request.OperationName, variables, admit, Authorization.RequestCaller.From(http), deadline);
            if (throttle is { Admitted: true } && QueryCostBudget.Reports(http))
            {
                Extensions(response)["cost"] = throttle.ToJson();
            }

            if (environment.IsDevelopment() && http.Request.Headers[QueryPlanHeader] == "true" && response.ContainsKey("data"))
            {
                Extensions(response)["queryPlan"] = gateway.Plan(request.Query, request.OperationName).ToJson();
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            // Out of time: the client gets an answer saying so rather than a hung or reset connection. The fetches still
            // running were cancelled with the token, so nothing keeps working for a request nobody waits for.
            return new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["message"] = $"The request did not complete within {Options.ExecutionTimeout.TotalSeconds:0.###} s.",
                    ["extensions"] = new JsonObject { ["code"] = ErrorCodes.Timeout },
                }),
                ["data"] = null,
            };
        }

        if (registerAs is not null && response.ContainsKey("data"))
        {
            await persisted.RegisterAsync(registerAs, request.Query, CancellationToken.None);
        }

        if (!_exposeSuggestions)
        {
            FieldSuggestions.Strip(response);
        }

        return response;
    }

    private static JsonObject Extensions(JsonObject response)
    {
        if (response["extensions"] is JsonObject extensions)
        {
            return extensions;
        }

        extensions = [];
        response["extensions"] = extensions;
        return extensions;
    }

    /// <summary>
    /// An operation sent over WebSocket: a subscription's events, each completed with the other subgraphs' fields, or a
    /// query's or mutation's one response. Persisted-operation rules apply as over HTTP; there is no overall deadline,
    /// since a subscription lasts as long as the client wants it; a subgraph fetch is bounded by its transport alone (the
    /// HTTP client's timeout; the engine's SubgraphTimeout is not set by the gateway yet).
    /// </summary>
    public async IAsyncEnumerable<IGraphQLResult> SubscribeAsync(GraphQLRequest request, HttpContext http,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (refused, registerAs) = persisted.Admit(request);
        if (refused is not null)
        {
            yield return new Result(refused.ToResponse());
            yield break;
        }

        Coursera.Federation.FederationGateway? gateway = null;
        GatewayError? unavailable = null;
        try
        {
            gateway = await supergraph.GetAsync(cancellationToken);
        }
        catch (Composition.SupergraphUnavailableException e)
        {
            // Over HTTP the exception handler answers 503; a socket has no status to give, so the operation gets the
            // same code as an error message, and the client may subscribe again later on this connection.
            unavailable = new GatewayError(GatewayErrorCodes.SupergraphUnavailable, Composition.SupergraphUnavailableHandler.Message(e.Failure));
        }

        if (gateway is null)
        {
            yield return new Result(unavailable!.ToResponse());
            yield break;
        }

        var variables = request.Variables is null ? null : JsonSerializer.SerializeToNode(request.Variables) as JsonObject;
        await foreach (var response in gateway.SubscribeAsync(request.Query, request.OperationName, variables, Authorization.RequestCaller.From(http),
            cancellationToken))
        {
            if (registerAs is not null && response.ContainsKey("data"))
            {
                await persisted.RegisterAsync(registerAs, request.Query, CancellationToken.None);
                registerAs = null;
            }

            if (!_exposeSuggestions)
            {
                FieldSuggestions.Strip(response);
            }

            yield return new Result(response);
        }
    }

    private sealed class Result(JsonObject response) : IGraphQLResult
    {
        public bool IsRequestError => !response.ContainsKey("data");

        public async Task WriteAsync(Stream body, CancellationToken cancellationToken)
        {
            // A Utf8JsonWriter over a Stream grows one buffer as large as the response (87 KB for the benchmark, on the
            // large object heap); over a PipeWriter it writes through pooled segments.
            var pipe = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
            await using (var writer = new Utf8JsonWriter(pipe))
            {
                response.WriteTo(writer);
                await writer.FlushAsync(cancellationToken);
            }

            await pipe.CompleteAsync();
        }
    }
}
