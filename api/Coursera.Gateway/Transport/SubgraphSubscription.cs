using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Execution;

namespace Coursera.Gateway.Transport;

/// <summary>
/// The gateway's side of graphql-transport-ws towards a subgraph: the connection's upgrade (the caller's
/// <c>Authorization</c>, the gateway's signature, <c>traceparent</c>) on the subgraph's GraphQL URL (<c>ws://</c> for
/// <c>http://</c>), <c>connection_init</c> and its acknowledgement, and framing. <see cref="SubgraphSocket"/> runs
/// subscriptions over it.
/// </summary>
internal static class SubgraphSubscription
{
    public const string SubProtocol = "graphql-transport-ws";

    /// <summary>How long the subgraph may take to acknowledge the connection, and to answer the closing handshake.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A subgraph message larger than this ends the connection: the gateway does not buffer without bound.</summary>
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    /// <param name="gatewaySignature">The <see cref="Coursera.Subgraphs.Internal.GatewayCredential"/> header for the upgrade, when a key is configured.</param>
    /// <remarks>No <c>X-Request-Id</c>: a connection carries the subscriptions of many requests.</remarks>
    public static ClientWebSocket NewSocket(string? authorization, string? gatewaySignature)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(SubProtocol);
        if (authorization is not null)
        {
            socket.Options.SetRequestHeader("Authorization", authorization);
        }

        if (gatewaySignature is not null)
        {
            socket.Options.SetRequestHeader(Coursera.Subgraphs.Internal.GatewayCredential.HeaderName, gatewaySignature);
        }

        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            socket.Options.SetRequestHeader("traceparent", activity.Id);
        }

        return socket;
    }

    /// <summary>Connects, sends <c>connection_init</c> and waits for <c>connection_ack</c>.</summary>
    public static async Task ConnectAndInitialiseAsync(ClientWebSocket socket, Uri url, CancellationToken cancellationToken)
    {
        await socket.ConnectAsync(WebSocketUrl(url), cancellationToken);
        await SendAsync(socket, new JsonObject { ["type"] = "connection_init" }, cancellationToken);
        await AwaitAcknowledgementAsync(socket, cancellationToken);
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

    public static Task SendAsync(ClientWebSocket socket, JsonObject message, CancellationToken cancellationToken) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <returns>The next message, or null when the subgraph closed the connection.</returns>
    public static async Task<JsonObject?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
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
