using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Coursera.Subgraphs.Errors;
using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coursera.Subgraphs.WebSockets;

/// <summary>
/// One client connection speaking graphql-transport-ws: <c>connection_init</c>/<c>connection_ack</c>,
/// <c>subscribe</c>/<c>next</c>/<c>error</c>/<c>complete</c>, <c>ping</c>/<c>pong</c>, and the protocol's close codes.
/// </summary>
internal sealed partial class GraphQLWebSocketConnection(
    WebSocket socket,
    HttpContext http,
    IGraphQLStreamExecutor executor,
    IGraphQLTextSerializer serializer,
    IReadOnlyList<IWebSocketConnectionAuthorizer> authorizers,
    int maxOperations,
    ILogger logger) : IDisposable
{
    /// <summary>How long the server waits for the client's Close frame after closing the connection itself.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _operations = new();
    private CancellationToken _connection;
    private int _initReceived;
    private volatile bool _acknowledged;
    private volatile bool _closing;

    /// <param name="aborted">The client went away.</param>
    /// <param name="stopping">The server is shutting down: the connection is closed with 1001 (Going Away), so clients
    /// reconnect elsewhere at once instead of holding a socket the shutdown would wait for and then cut.</param>
    public async Task RunAsync(CancellationToken aborted, CancellationToken stopping)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        _connection = connection.Token;
        _ = CloseIfNotInitialisedAsync(connection.Token);
        using var shutdown = stopping.Register(() => _ = CloseForShutdownAsync(connection.Token));
        try
        {
            await ReceiveLoopAsync(connection.Token).ConfigureAwait(false);
            await AwaitClientCloseAsync(connection.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            LogConnectionLost(logger, e.Message);
        }
        finally
        {
            await connection.CancelAsync().ConfigureAwait(false);
            foreach (var operation in _operations.Values)
            {
                await CancelAsync(operation).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// After the server closed the connection (4400, 4401, …), waits briefly for the client's Close frame. Ending the
    /// request at once tears the connection down while the client is answering, and the client sees an error rather
    /// than a completed close with our code.
    /// </summary>
    private async Task AwaitClientCloseAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CloseHandshakeTimeout);
        var discard = new byte[1024];
        while (socket.State == WebSocketState.CloseSent)
        {
            await socket.ReceiveAsync(discard.AsMemory(), timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>An operation may finish and dispose its source while the client completes it or the connection ends.</summary>
    private static async Task CancelAsync(CancellationTokenSource operation)
    {
        try
        {
            await operation.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // it already ended
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var maxBytes = executor.Options.MaxRequestBytes;
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (socket.State == WebSocketState.Open)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                buffer.Advance(received.Count);
                if (buffer.WrittenCount > maxBytes)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big").ConfigureAwait(false);
                    return;
                }
            }
            while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                // Answer the client's Close frame, or it sees an abnormal closure (1006).
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await _sendLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                    try
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None)
                            .ConfigureAwait(false);
                    }
                    finally
                    {
                        _sendLock.Release();
                    }
                }

                return;
            }

            if (received.MessageType != WebSocketMessageType.Text)
            {
                await CloseAsync(CloseCodes.BadRequest, "Only text messages are accepted").ConfigureAwait(false);
                return;
            }

            if (!await HandleMessageAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <returns><c>false</c> when the message closed the connection.</returns>
    private async Task<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        ClientMessage parsed;
        try
        {
            parsed = ClientMessage.Parse(message.Span);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            await CloseAsync(CloseCodes.BadRequest, "Invalid message received").ConfigureAwait(false);
            return false;
        }

        switch (parsed.Type)
        {
            case "connection_init":
                return await InitialiseAsync(parsed.Payload).ConfigureAwait(false);
            case "ping":
                await SendAsync(Message("pong")).ConfigureAwait(false);
                return true;
            case "pong":
                return true;
            case "subscribe":
                return await SubscribeAsync(parsed, cancellationToken).ConfigureAwait(false);
            case "complete":
                if (parsed.Id is not null && _operations.TryRemove(parsed.Id, out var operation))
                {
                    await CancelAsync(operation).ConfigureAwait(false);
                }

                return true;
            default:
                await CloseAsync(CloseCodes.BadRequest, $"Unexpected message type '{parsed.Type}'").ConfigureAwait(false);
                return false;
        }
    }

    private async Task<bool> InitialiseAsync(JsonElement? payload)
    {
        if (Interlocked.Exchange(ref _initReceived, 1) == 1)
        {
            await CloseAsync(CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests").ConfigureAwait(false);
            return false;
        }

        if (payload is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            await CloseAsync(CloseCodes.BadRequest, "The connection_init payload must be an object").ConfigureAwait(false);
            return false;
        }

        if (authorizers.Count > 0)
        {
            var values = payload is { ValueKind: JsonValueKind.Object } p ? serializer.ReadNode<Inputs>(p) : null;
            foreach (var authorizer in authorizers)
            {
                if (!await authorizer.AuthorizeAsync(http, values).ConfigureAwait(false))
                {
                    await CloseAsync(CloseCodes.Forbidden, "Forbidden").ConfigureAwait(false);
                    return false;
                }
            }
        }

        _acknowledged = true;
        await SendAsync(Message("connection_ack")).ConfigureAwait(false);
        if (Expiry(http.User) is { } expiry)
        {
            _ = CloseAtExpiryAsync(expiry, _connection);
        }

        return true;
    }

    private async Task<bool> SubscribeAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        if (!_acknowledged)
        {
            await CloseAsync(CloseCodes.Unauthorized, "Unauthorized").ConfigureAwait(false);
            return false;
        }

        if (message.Id is null || message.Payload is not { ValueKind: JsonValueKind.Object } payload
            || !payload.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
        {
            await CloseAsync(CloseCodes.BadRequest, "Invalid subscribe message").ConfigureAwait(false);
            return false;
        }

        // Operations run side by side, so each one a client starts holds resources until it ends: past the cap a new one
        // is refused (the connection and its running operations carry on), as a batch over HTTP is capped.
        if (maxOperations > 0 && _operations.Count >= maxOperations && !_operations.ContainsKey(message.Id))
        {
            await SendAsync(ErrorMessage(message.Id, ErrorCodes.TooManyOperations,
                $"This connection already runs {maxOperations} operations; complete one before starting another.")).ConfigureAwait(false);
            return true;
        }

        var operation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!_operations.TryAdd(message.Id, operation))
        {
            operation.Dispose();
            await CloseAsync(CloseCodes.SubscriberExists, $"Subscriber for {message.Id} already exists").ConfigureAwait(false);
            return false;
        }

        GraphQLRequest request;
        try
        {
            request = new GraphQLRequest(
                query.GetString()!,
                payload.TryGetProperty("operationName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
                payload.TryGetProperty("variables", out var variables) && variables.ValueKind == JsonValueKind.Object
                    ? serializer.ReadNode<Inputs>(variables) : null,
                payload.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
                    ? serializer.ReadNode<Inputs>(extensions) : null);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            await CloseAsync(CloseCodes.BadRequest, "Invalid subscribe payload").ConfigureAwait(false);
            return false;
        }

        // A query or mutation gets the time a request over HTTP gets; only a subscription may run as long as the connection.
        var deadline = IsSubscription(request) ? (TimeSpan?)null : executor.Options.ExecutionTimeout;
        if (deadline is { } timeout)
        {
            operation.CancelAfter(timeout);
        }

        _ = RunOperationAsync(message.Id, request, operation, deadline);
        return true;
    }

    private async Task RunOperationAsync(string id, GraphQLRequest request, CancellationTokenSource operation, TimeSpan? deadline)
    {
        try
        {
            await foreach (var result in executor.SubscribeAsync(request, http, operation.Token).ConfigureAwait(false))
            {
                if (result.IsRequestError)
                {
                    await SendAsync(await ErrorMessageAsync(id, result, operation.Token).ConfigureAwait(false)).ConfigureAwait(false);
                    return;
                }

                await SendAsync(await NextMessageAsync(id, result, operation.Token).ConfigureAwait(false)).ConfigureAwait(false);
            }

            if (!operation.IsCancellationRequested)
            {
                await SendAsync(Message("complete", id)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (operation.IsCancellationRequested)
        {
            // The client completed the operation (it is no longer listed) or went away: nothing more to send. Otherwise
            // the operation ran out of time, and the client hears so.
            if (deadline is { } timeout && !_connection.IsCancellationRequested
                && _operations.TryGetValue(id, out var listed) && listed == operation)
            {
                await SendAsync(ErrorMessage(id, ErrorCodes.Timeout,
                    $"The request did not complete within {timeout.TotalSeconds:0.###} s.")).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            LogConnectionLost(logger, e.Message);
        }
#pragma warning disable CA1031 // A fault in one operation must end that operation visibly, not vanish in a dropped task.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogOperationFailed(logger, e, id);
            await SendAsync(InternalErrorMessage(id)).ConfigureAwait(false);
        }
        finally
        {
            _operations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(id, operation));
            operation.Dispose();
        }
    }

    private static byte[] InternalErrorMessage(string id) => ErrorMessage(id, ErrorCodes.Internal, "Internal server error.");

    private static byte[] ErrorMessage(string id, string code, string message) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        id,
        type = "error",
        payload = new[] { new { message, extensions = new { code } } },
    });

    /// <summary>Whether the operation the request selects is a subscription; a document that does not parse is not (the executor reports it).</summary>
    private static bool IsSubscription(GraphQLRequest request)
    {
        try
        {
            var operations = GraphQLParser.Parser.Parse(request.Query).Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>();
            var selected = request.OperationName is null
                ? operations.FirstOrDefault()
                : operations.FirstOrDefault(o => o.Name?.StringValue == request.OperationName);
            return selected?.Operation == GraphQLParser.AST.OperationType.Subscription;
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return false;
        }
    }

    private static byte[] Message(string type, string? id = null)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (id is not null)
            {
                writer.WriteString("id", id);
            }

            writer.WriteString("type", type);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"id":…,"type":"next","payload":</c> the result <c>}</c>, the result written as the executor writes it.</summary>
    private static async Task<byte[]> NextMessageAsync(string id, IGraphQLResult result, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        var prefix = Message("next", id);
        message.Write(prefix, 0, prefix.Length - 1);
        message.Write(",\"payload\":"u8);
        await result.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        message.WriteByte((byte)'}');
        return message.ToArray();
    }

    /// <summary>An <c>error</c> message's payload is the list of errors alone, without the response around it.</summary>
    private static async Task<byte[]> ErrorMessageAsync(string id, IGraphQLResult result, CancellationToken cancellationToken)
    {
        using var response = new MemoryStream();
        await result.WriteAsync(response, cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(response.GetBuffer().AsMemory(0, (int)response.Length));
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", "error");
            writer.WritePropertyName("payload");
            if (json.RootElement.TryGetProperty("errors", out var errors))
            {
                errors.WriteTo(writer);
            }
            else
            {
                writer.WriteStartArray();
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task SendAsync(byte[] message)
    {
        if (_closing)
        {
            return;
        }

        await _sendLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None)
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        _closing = true;
        await _sendLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, reason, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>When the caller's access token expires (<c>exp</c>), or null for an anonymous connection.</summary>
    private static DateTimeOffset? Expiry(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && long.TryParse(user.FindFirst("exp")?.Value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : user.Identity?.IsAuthenticated == true && DateTimeOffset.TryParse(user.FindFirst("oi_exp_dt")?.Value,
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                ? at
                : null;

    /// <summary>
    /// A connection runs as its caller only while the caller's token is valid: at expiry it closes with 4403, and the
    /// client reconnects with a fresh token.
    /// </summary>
    private async Task CloseAtExpiryAsync(DateTimeOffset expiry, CancellationToken connection)
    {
        try
        {
            var wait = expiry - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, connection).ConfigureAwait(false);
            }

            await CloseAsync(CloseCodes.Forbidden, "Token expired").ConfigureAwait(false);
            await Task.Delay(CloseHandshakeTimeout, connection).ConfigureAwait(false);
            socket.Abort();
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // the connection ended first
        }
    }

    private async Task CloseForShutdownAsync(CancellationToken connection)
    {
        try
        {
            await CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "Server shutting down").ConfigureAwait(false);

            // A client that never answers the Close frame must not hold up the shutdown.
            await Task.Delay(CloseHandshakeTimeout, connection).ConfigureAwait(false);
            socket.Abort();
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // the connection ended first
        }
    }

    private async Task CloseIfNotInitialisedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(executor.Options.ConnectionInitTimeout, cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _initReceived) == 0)
            {
                await CloseAsync(CloseCodes.InitialisationTimeout, "Connection initialisation timeout").ConfigureAwait(false);

                // The receive loop waits for the client's Close frame; a client that never sends one must not hold
                // the connection open, which is what this timeout exists to prevent.
                await Task.Delay(CloseHandshakeTimeout, cancellationToken).ConfigureAwait(false);
                socket.Abort();
            }
        }
        catch (OperationCanceledException)
        {
            // the connection ended first
        }
        catch (WebSocketException e)
        {
            LogConnectionLost(logger, e.Message);
        }
    }

    public void Dispose() => _sendLock.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL WebSocket operation {Id} failed")]
    private static partial void LogOperationFailed(ILogger logger, Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Debug, Message = "GraphQL WebSocket connection lost: {Reason}")]
    private static partial void LogConnectionLost(ILogger logger, string reason);

    /// <summary>A message from the client, read strictly: an object with a string <c>type</c>.</summary>
    private readonly record struct ClientMessage(string Type, string? Id, JsonElement? Payload)
    {
        public static ClientMessage Parse(ReadOnlySpan<byte> utf8)
        {
            using var json = JsonDocument.Parse(utf8.ToArray());
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type)
                || type.ValueKind != JsonValueKind.String)
            {
                throw new FormatException("A message needs a string 'type'.");
            }

            string? id = null;
            if (root.TryGetProperty("id", out var idElement))
            {
                id = idElement.ValueKind == JsonValueKind.String && idElement.GetString() is { Length: > 0 } value
                    ? value
                    : throw new FormatException("'id' must be a non-empty string.");
            }

            JsonElement? payload = root.TryGetProperty("payload", out var p) ? p.Clone() : null;
            return new ClientMessage(type.GetString()!, id, payload);
        }
    }
}
