using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Execution;
using Coursera.GraphQL;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Gateway.Transport;

/// <summary>A subgraph in the gateway's own process: requests go straight to its executor, in a scope of their own.</summary>
public abstract class InProcessSubgraph(string name)
{
    public string Name { get; } = name;

    public abstract Task<JsonObject> ExecuteAsync(SubgraphRequest request, CancellationToken cancellationToken);
}

internal sealed class InProcessSubgraph<TSchema>(string name, IServiceProvider services) : InProcessSubgraph(name)
    where TSchema : ISchema
{
    public override async Task<JsonObject> ExecuteAsync(SubgraphRequest request, CancellationToken cancellationToken)
    {
        var executor = services.GetRequiredService<SubgraphExecutor<TSchema>>();
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        var user = services.GetService<IHttpContextAccessor>()?.HttpContext?.User;
        await using var scope = services.CreateAsyncScope();
        var variables = request.Variables.Count == 0 ? null : serializer.ReadNode<Inputs>(JsonSerializer.SerializeToElement(request.Variables));
        var result = await executor.ExecuteAsync(new GraphQLRequest(request.Query, request.OperationName, variables), null,
            scope.ServiceProvider, user, cancellationToken);
        // Read like a response over HTTP, so that both transports hand the engine the same kind of tree.
        return SubgraphResponseReader.ReadObject(Encoding.UTF8.GetBytes(serializer.Serialize(result)))
            ?? throw new InvalidOperationException($"The {Name} subgraph's executor did not produce a JSON object.");
    }
}
