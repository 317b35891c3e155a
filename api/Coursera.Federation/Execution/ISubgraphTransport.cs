using System.Text.Json.Nodes;

namespace Coursera.Federation.Execution;

/// <summary>
/// Sends one GraphQL request to one subgraph and returns its response (<c>data</c>, <c>errors</c>). Over HTTP in the
/// distributed deployment, in process in the all-in-one host. Throws when the subgraph cannot be reached.
/// </summary>
public interface ISubgraphTransport
{
    Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a subscription on a subgraph: one response per event, until the subgraph completes it or the caller stops
    /// enumerating. A subgraph that refuses the operation yields one response without <c>data</c>. Throws when the
    /// subgraph cannot be reached or the stream breaks. A transport without streams refuses.
    /// </summary>
    IAsyncEnumerable<JsonObject> SubscribeAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"This transport does not carry subscriptions (subgraph {subgraph}).");
}

public sealed record SubgraphRequest(string Query, string? OperationName, JsonObject Variables);
