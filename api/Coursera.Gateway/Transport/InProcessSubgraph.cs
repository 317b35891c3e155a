using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Execution;
using Coursera.Subgraphs;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Gateway.Transport;

/// <summary>A subgraph in the gateway's own process: requests go straight to its executor, in a scope of their own.</summary>
public abstract class InProcessSubgraph(string name)
{
    public string Name { get; } = name;

    public abstract Task<JsonObject> ExecuteAsync(SubgraphRequest request, CancellationToken cancellationToken);

    /// <summary>A subscription on the subgraph's executor: one response per event of its source stream.</summary>
    public abstract IAsyncEnumerable<JsonObject> SubscribeAsync(SubgraphRequest request, CancellationToken cancellationToken);
}

internal sealed class InProcessSubgraph<TSchema>(string name, IServiceProvider services) : InProcessSubgraph(name)
    where TSchema : ISchema
{
    public override async Task<JsonObject> ExecuteAsync(SubgraphRequest request, CancellationToken cancellationToken)
    {
        var executor = services.GetRequiredService<SubgraphExecutor<TSchema>>();
        await using var scope = services.CreateAsyncScope();
        var result = await executor.ExecuteAsync(Request(request), null, scope.ServiceProvider, User, cancellationToken);
        return Read(result);
    }

    public override async IAsyncEnumerable<JsonObject> SubscribeAsync(SubgraphRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var executor = services.GetRequiredService<SubgraphExecutor<TSchema>>();

        // The scope lives as long as the subscription: its source stream may use scoped services for every event.
        await using var scope = services.CreateAsyncScope();
        await foreach (var result in executor.SubscribeAsync(Request(request), scope.ServiceProvider, User, cancellationToken))
        {
            yield return Read(result);
        }
    }

    private System.Security.Claims.ClaimsPrincipal? User => services.GetService<IHttpContextAccessor>()?.HttpContext?.User;

    private GraphQLRequest Request(SubgraphRequest request)
    {
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        var variables = request.Variables.Count == 0 ? null : serializer.ReadNode<Inputs>(JsonSerializer.SerializeToElement(request.Variables));
        return new GraphQLRequest(request.Query, request.OperationName, variables);
    }

    /// <summary>Read like a response over HTTP, so that both transports hand the engine the same kind of tree.</summary>
    private JsonObject Read(ExecutionResult result) =>
        SubgraphResponseReader.ReadObject(Encoding.UTF8.GetBytes(services.GetRequiredService<IGraphQLTextSerializer>().Serialize(result)))
            ?? throw new InvalidOperationException($"The {Name} subgraph's executor did not produce a JSON object.");
}
