using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coursera.Subgraphs.WebSockets;

/// <summary>Accepts WebSocket upgrades that ask for the <c>graphql-transport-ws</c> subprotocol.</summary>
/// <param name="maxOperationsPerConnection">Operations one connection may run at once (0: no limit).</param>
internal sealed class GraphQLWebSocketEndpoint(
    IGraphQLStreamExecutor executor,
    IGraphQLTextSerializer serializer,
    ILogger logger,
    IReadOnlyList<IWebSocketConnectionAuthorizer> authorizers,
    int maxOperationsPerConnection,
    CancellationToken stopping)
{
    public const string SubProtocol = "graphql-transport-ws";

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                detail: $"Request the '{SubProtocol}' WebSocket subprotocol.").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync(SubProtocol).ConfigureAwait(false);
        using var connection = new GraphQLWebSocketConnection(socket, http, executor, serializer, authorizers, maxOperationsPerConnection, logger);
        await connection.RunAsync(http.RequestAborted, stopping).ConfigureAwait(false);
    }
}

/// <summary>
/// Decides whether a <c>connection_init</c> payload may open a connection; refusing closes it with 4403. Every
/// registered one must agree (<see cref="BearerTokenAuthorizer"/> is always there); without any, every connection is accepted.
/// </summary>
public interface IWebSocketConnectionAuthorizer
{
    ValueTask<bool> AuthorizeAsync(HttpContext http, IReadOnlyDictionary<string, object?>? payload);
}
