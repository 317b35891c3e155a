using Microsoft.AspNetCore.Http;

namespace Coursera.Subgraphs.WebSockets;

/// <summary>
/// What a graphql-transport-ws connection runs for each <c>subscribe</c> message: a subgraph's schema, or the
/// federation gateway.
/// </summary>
public interface IGraphQLStreamExecutor
{
    GraphQLEndpointOptions Options { get; }

    /// <summary>
    /// The operation's results: one per event for a subscription, one for a query or mutation, or a single request
    /// error (<see cref="IGraphQLResult.IsRequestError"/>) when nothing ran. Leaving the enumeration ends the operation.
    /// </summary>
    IAsyncEnumerable<IGraphQLResult> SubscribeAsync(GraphQLRequest request, HttpContext http, CancellationToken cancellationToken);
}
