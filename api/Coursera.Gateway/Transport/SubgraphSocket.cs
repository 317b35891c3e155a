using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Coursera.Federation.Execution;

namespace Coursera.Gateway.Transport;

/// <summary>
/// One graphql-transport-ws connection to a subgraph that carries many subscriptions at once, each under its own
/// operation id: a message the subgraph sends goes to the subscription its id names. It opens on its first
/// subscription and closes when its last one ends; when it breaks, every subscription on it fails as its own
/// connection would have.
/// </summary>
/// <remarks>
/// The subgraph authenticates a connection once, at its upgrade, so one connection only ever carries the subscriptions
/// of one caller (one <c>Authorization</c>): <see cref="SubgraphSockets"/> keys connections by it.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A connection disposes of its socket and token source itself, when its receive loop ends; the semaphore has no wait handle to free.")]
internal sealed class SubgraphSocket
{
    private readonly ConcurrentDictionary<string, Channel<JsonObject>> _operations = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _closing = new();
    private readonly Action<SubgraphSocket> _closed;
    private readonly Task _connected;
    private int _nextId;
    private int _reserved;
    private State _state;

    private enum State
    {
        Open,
        Closing,
        Ended,
    }

    private SubgraphSocket(ClientWebSocket socket, Uri url, Action<SubgraphSocket> closed)
    {
        _socket = socket;
        _closed = closed;
        _connected = ConnectAsync(url);
    }

    /// <summary>Starts connecting; the first subscription (and any that join before the acknowledgement) waits for it.</summary>
    /// <param name="closed">Called once, when the connection takes no more subscriptions (idle or broken).</param>
    public static SubgraphSocket Open(Uri url, string? authorization, string? gatewaySignature, Action<SubgraphSocket> closed) =>
        new(SubgraphSubscription.NewSocket(authorization, gatewaySignature), url, closed);

    /// <summary>
    /// Takes a place for one more subscription if the connection has room and is still open; the caller then runs
    /// <see cref="SubscribeAsync"/>, which gives the place back when it ends.
    /// </summary>
    public bool TryReserve(int capacity)
    {
        lock (_gate)
        {
            if (_state != State.Open || _reserved >= capacity)
            {
                return false;
            }

            _reserved++;
            return true;
        }
    }

    /// <summary>
    /// One subscription on a place taken with <see cref="TryReserve"/>: one response per event until the subgraph
    /// completes it or the caller stops enumerating (then <c>complete</c> is sent); a refusal is one response without
    /// <c>data</c>; a broken connection throws.
    /// </summary>
    public async IAsyncEnumerable<JsonObject> SubscribeAsync(SubgraphRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Unbounded: the receive loop serves every subscription on the connection and must never wait on one slow client.
        var events = Channel.CreateUnbounded<JsonObject>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _operations[id] = events;
        var completed = false;
        try
        {
            await _connected.WaitAsync(cancellationToken);
            await SendAsync(new JsonObject
            {
                ["id"] = id,
                ["type"] = "subscribe",
                ["payload"] = new JsonObject { ["query"] = request.Query, ["variables"] = request.Variables.DeepClone() },
            }, cancellationToken);

            await foreach (var message in events.Reader.ReadAllAsync(cancellationToken))
            {
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
                    default:
                        throw new WebSocketException($"Unexpected graphql-transport-ws message from the subgraph: {message.ToJsonString()}");
                }
            }

            // The channel ended without a word for this operation: the connection closed cleanly under it.
            throw new WebSocketException("The subgraph closed the connection.");
        }
        finally
        {
            _operations.TryRemove(id, out _);
            if (!completed)
            {
                await TryCompleteAsync(id);
            }

            await ReleaseAsync();
        }
    }

    private async Task ConnectAsync(Uri url)
    {
        // Never synchronously: the pool adds this connection to its list before any failure may take it out again.
        await Task.Yield();
        try
        {
            await SubgraphSubscription.ConnectAndInitialiseAsync(_socket, url, _closing.Token);
        }
        catch (Exception e)
        {
            End(e);
            _socket.Dispose();
            _closing.Dispose();
            throw;
        }

        _ = Task.Run(ReceiveLoopAsync);
    }

    private async Task ReceiveLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var message = await SubgraphSubscription.ReceiveAsync(_socket, _closing.Token);
                if (message is null)
                {
                    failure = new WebSocketException($"The subgraph closed the connection ({(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}).");
                    return;
                }

                switch (message["type"]?.GetValue<string>())
                {
                    case "ping":
                        await SendAsync(new JsonObject { ["type"] = "pong" }, _closing.Token);
                        break;
                    case "pong":
                        break;
                    default:
                        // A message for an operation already ended on this side (its complete crossing an event) is dropped.
                        if (message["id"]?.GetValue<string>() is { } id && _operations.TryGetValue(id, out var events))
                        {
                            events.Writer.TryWrite(message);
                        }

                        break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            failure = e;
        }
        finally
        {
            End(failure ?? new WebSocketException("The subgraph connection ended."));
            _socket.Dispose();
            _closing.Dispose();
        }
    }

    /// <summary>No subscription joins from now on; every running one fails with <paramref name="failure"/>.</summary>
    private void End(Exception failure)
    {
        bool wasOpen;
        lock (_gate)
        {
            wasOpen = _state == State.Open;
            _state = State.Ended;
        }

        if (wasOpen)
        {
            _closed(this);
        }

        foreach (var events in _operations.Values)
        {
            events.Writer.TryComplete(failure);
        }
    }

    /// <summary>Ends one operation the protocol's way when the gateway stops first, so the subgraph drops its source stream.</summary>
    private async Task TryCompleteAsync(string id)
    {
        if (_socket.State != WebSocketState.Open)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(SubgraphSubscription.HandshakeTimeout);
        try
        {
            await SendAsync(new JsonObject { ["id"] = id, ["type"] = "complete" }, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is going: the subgraph ends the operation with it.
        }
    }

    /// <summary>
    /// Gives a place back; the last one closes the connection (a subscription that wants one later opens another). The
    /// close is the protocol's: the gateway's close frame, then the receive loop ends on the subgraph's answer.
    /// </summary>
    private async Task ReleaseAsync()
    {
        lock (_gate)
        {
            _reserved--;
            if (_reserved != 0 || _state != State.Open)
            {
                return;
            }

            _state = State.Closing;
        }

        _closed(this);
        try
        {
            _closing.CancelAfter(SubgraphSubscription.HandshakeTimeout);
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, _closing.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
    }

    private async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await SubgraphSubscription.SendAsync(_socket, message, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
