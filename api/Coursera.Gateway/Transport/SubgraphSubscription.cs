using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Execution;

namespace Coursera.Gateway.Transport;

/// <summary>
/// One subscription to a subgraph over graphql-transport-ws: its own connection to the subgraph's GraphQL URL
/// (<c>ws://</c> for <c>http://</c>), <c>connection_init</c>, one <c>subscribe</c>, then each <c>next</c> payload as a
/// response until the subgraph completes. Stopping the enumeration sends <c>complete</c> and closes the connection.
/// </summary>
/// <remarks>
/// A connection per subscription keeps one client's stream from ever waiting on another's; sharing connections
/// (multiplexing operations by id) is the step to take when subscriptions number in the thousands per gateway.
/// </remarks>
internal static class SubgraphSubscription
{
    public const string SubProtocol = "graphql-transport-ws";
    private const string OperationId = "1";

    /// <summary>How long the subgraph may take to acknowledge the connection, and to answer the closing handshake.</summary>
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A subgraph message larger than this ends the subscription: the gateway does not buffer without bound.</summary>
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    /// <param name="gatewaySignature">The <see cref="Coursera.Subgraphs.Internal.GatewayCredential"/> header for the upgrade, when a key is configured.</param>
    public static async IAsyncEnumerable<JsonObject> RunAsync(Uri url, SubgraphRequest request, string? authorization, string? requestId,
        string? gatewaySignature, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(SubProtocol);
        if (authorization is not null)
        {
            socket.Options.SetRequestHeader("Authorization", authorization);
        }

        if (requestId is not null)
        {
            socket.Options.SetRequestHeader("X-Request-Id", requestId);
        }

        if (gatewaySignature is not null)
        {
            socket.Options.SetRequestHeader(Coursera.Subgraphs.Internal.GatewayCredential.HeaderName, gatewaySignature);
        }

        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            socket.Options.SetRequestHeader("traceparent", activity.Id);
        }

        await socket.ConnectAsync(WebSocketUrl(url), cancellationToken);
        var completed = false;
        try
        {
            await SendAsync(socket, new JsonObject { ["type"] = "connection_init" }, cancellationToken);
            await AwaitAcknowledgementAsync(socket, cancellationToken);
            await SendAsync(socket, new JsonObject
            {
                ["id"] = OperationId,
                ["type"] = "subscribe",
                ["payload"] = new JsonObject { ["query"] = request.Query, ["variables"] = request.Variables.DeepClone() },
            }, cancellationToken);

            while (true)
            {
                var message = await ReceiveAsync(socket, cancellationToken)
                    ?? throw new WebSocketException($"The subgraph closed the connection ({(int?)socket.CloseStatus} {socket.CloseStatusDescription}).");
                switch (message["type"]?.GetValue<string>())
                {
                    case "next" when message["payload"] is JsonObject payload:
                        message.Remove("payload");
                        yield return payload;
                        break;
                    case "error":
                        completed = true;
                        yield return new JsonObject { ["errors"] = message["payload"]?.DeepClone() ?? new JsonArray() };
                        yield break;
                    case "complete":
                        completed = true;
                        yield break;
                    case "ping":
                        await SendAsync(socket, new JsonObject { ["type"] = "pong" }, cancellationToken);
                        break;
                    case "pong":
                        break;
                    default:
                        throw new WebSocketException($"Unexpected graphql-transport-ws message from the subgraph: {message.ToJsonString()}");
                }
            }
        }
        finally
        {
            await CloseAsync(socket, completed);
        }
    }

    private static Uri WebSocketUrl(Uri url) => new UriBuilder(url)
    {
        Scheme = url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
    }.Uri;

    private static async Task AwaitAcknowledgementAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HandshakeTimeout);
        while (true)
        {
            var message = await ReceiveAsync(socket, timeout.Token)
                ?? throw new WebSocketException($"The subgraph refused the connection ({(int?)socket.CloseStatus} {socket.CloseStatusDescription}).");
            switch (message["type"]?.GetValue<string>())
            {
                case "connection_ack":
                    return;
                case "ping":
                    await SendAsync(socket, new JsonObject { ["type"] = "pong" }, timeout.Token);
                    break;
                default:
                    throw new WebSocketException($"Expected connection_ack from the subgraph, got {message.ToJsonString()}");
            }
        }
    }

    /// <summary>
    /// Ends the operation the protocol's way when the gateway stops first (<c>complete</c>, so the subgraph drops its
    /// source stream at once), then closes; a subgraph that does not answer the close in time is cut off.
    /// </summary>
    private static async Task CloseAsync(ClientWebSocket socket, bool completed)
    {
        using var timeout = new CancellationTokenSource(HandshakeTimeout);
        try
        {
            if (!completed && socket.State == WebSocketState.Open)
            {
                await SendAsync(socket, new JsonObject { ["id"] = OperationId, ["type"] = "complete" }, timeout.Token);
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
    }

    private static Task SendAsync(ClientWebSocket socket, JsonObject message, CancellationToken cancellationToken) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <returns>The next message, or null when the subgraph closed the connection.</returns>
    private static async Task<JsonObject?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        ValueWebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken);
            buffer.Advance(received.Count);
            if (buffer.WrittenCount > MaxMessageBytes)
            {
                throw new WebSocketException($"A subgraph message exceeded {MaxMessageBytes} bytes.");
            }
        }
        while (!received.EndOfMessage);

        if (received.MessageType == WebSocketMessageType.Close)
        {
            return null;
        }

        return SubgraphResponseReader.ReadObject(buffer.WrittenSpan)
            ?? throw new WebSocketException("A subgraph message was not a JSON object.");
    }
}
