using System.Text.Json.Nodes;

namespace Coursera.Federation.Execution;

/// <summary>
/// Sends one GraphQL request to one subgraph and returns its response (<c>data</c>, <c>errors</c>). Over HTTP in the
/// distributed deployment, in process in the all-in-one host. Throws when the subgraph cannot be reached.
/// </summary>
public interface ISubgraphTransport
{
    Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken);
}

public sealed record SubgraphRequest(string Query, string? OperationName, JsonObject Variables);
