using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Subgraphs.Internal;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Coursera.Testing;

/// <summary>A graphql-transport-ws client (over a test server, or a real socket), strict about what it receives.</summary>
public sealed class GraphQLWebSocketClient : IAsyncDisposable
{
    public const string SubProtocol = "graphql-transport-ws";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private GraphQLWebSocketClient(WebSocket socket) => Socket = socket;

    public WebSocket Socket { get; }

    public static async Task<GraphQLWebSocketClient> ConnectAsync(TestServer server, string? subProtocol = SubProtocol)
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = server.CreateWebSocketClient();

        // A subgraph served with a gateway key admits only the gateway: the test client connects as the gateway would.
        if (GatewayCredential.FromConfiguration(server.Services.GetRequiredService<IConfiguration>()) is { } credential)
        {
            client.ConfigureRequest = request => request.Headers[GatewayCredential.HeaderName] =
                credential.Sign(request.Method, (request.PathBase + request.Path).Value ?? "/");
        }

        if (subProtocol is not null)
        {
            client.SubProtocols.Add(subProtocol);
        }

        using var timeout = new CancellationTokenSource(Patience);
        return new GraphQLWebSocketClient(await client.ConnectAsync(new Uri(server.BaseAddress, "graphql"), timeout.Token));
    }

    /// <summary>Connects over a real socket to a GraphQL URL (<c>http://</c> becomes <c>ws://</c>).</summary>
    public static async Task<GraphQLWebSocketClient> ConnectAsync(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(SubProtocol);
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(new UriBuilder(url) { Scheme = url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri, timeout.Token);
        return new GraphQLWebSocketClient(socket);
    }

    /// <summary>Connects and completes the handshake: <c>connection_init</c> answered by <c>connection_ack</c>.</summary>
    public static async Task<GraphQLWebSocketClient> ConnectAndInitAsync(TestServer server, object? payload = null) =>
        await InitAsync(await ConnectAsync(server), payload);

    /// <summary>Connects over a real socket and completes the handshake.</summary>
    public static async Task<GraphQLWebSocketClient> ConnectAndInitAsync(Uri url, object? payload = null) =>
        await InitAsync(await ConnectAsync(url), payload);

    private static async Task<GraphQLWebSocketClient> InitAsync(GraphQLWebSocketClient client, object? payload)
    {
        await client.SendAsync(new { type = "connection_init", payload });
        Assert.Equal("connection_ack", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
        return client;
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next frame: a JSON message, or the close frame's status.</summary>
    public async Task<Received> ReceiveAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? Patience);
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        WebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(chunk, timeout.Token);
            buffer.Write(chunk, 0, result.Count);
        }
        while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

        return result.MessageType == WebSocketMessageType.Close
            ? new Received(null, result.CloseStatus, result.CloseStatusDescription)
            : new Received(JsonNode.Parse(buffer.ToArray())!.AsObject(), null, null);
    }

    public async Task<JsonObject> ReceiveMessageAsync()
    {
        var received = await ReceiveAsync();
        Assert.True(received.Message is not null, $"Expected a message, the server closed with {(int?)received.CloseStatus} {received.CloseDescription}");
        return received.Message!;
    }

    /// <summary>
    /// Waits for the server's close frame (any message before it fails the test) and answers it as a client does,
    /// which only succeeds when the server waits for the answer.
    /// </summary>
    public async Task<int> ReceiveCloseAsync()
    {
        var received = await ReceiveAsync();
        Assert.True(received.Message is null, $"Expected the server to close, got {received.Message?.ToJsonString()}");
        using var timeout = new CancellationTokenSource(Patience);
        await Socket.CloseOutputAsync(received.CloseStatus!.Value, null, timeout.Token);
        Assert.Equal(WebSocketState.Closed, Socket.State);
        return (int)received.CloseStatus.Value;
    }

    /// <summary>Messages up to, not including, the <c>pong</c> that answers a ping sent now.</summary>
    public async Task<List<JsonObject>> DrainWithPingAsync()
    {
        await SendAsync(new { type = "ping" });
        var messages = new List<JsonObject>();
        while (true)
        {
            var message = await ReceiveMessageAsync();
            if (message["type"]!.GetValue<string>() == "pong")
            {
                return messages;
            }

            messages.Add(message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // the test already asserted what mattered
            }
        }

        Socket.Dispose();
    }

    public sealed record Received(JsonObject? Message, WebSocketCloseStatus? CloseStatus, string? CloseDescription);
}
