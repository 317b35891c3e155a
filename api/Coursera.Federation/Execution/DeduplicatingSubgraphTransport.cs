using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coursera.Federation.Execution;

/// <summary>
/// Lets identical subgraph queries in flight at the same moment share one subgraph request, as Hive Gateway and the
/// Apollo Router do: under load many clients send the same operation, and a subgraph need not answer the same question
/// twice at once. Identical means same subgraph, same query text, operation name and variables, and the same caller as
/// <paramref name="callerOf"/> names it; mutations and subscriptions are never shared.
/// </summary>
/// <remarks>
/// <para>
/// <paramref name="callerOf"/> must name everything per caller that the inner transport forwards to the subgraph (for
/// the gateway: the <c>Authorization</c> header), so that two callers never share an answer that one of them may not
/// see. It is read when a request starts, on the caller's own flow.
/// </para>
/// <para>
/// Each waiter gets a response of its own: the executor merges a response into its response tree, which moves
/// nodes, and a <see cref="JsonNode"/> has one parent. When more than one waiter shares a request, the answer is
/// written once to UTF-8 before anyone sees it, and every waiter but one reads its own copy from that.
/// </para>
/// <para>
/// A waiter that gives up (its own timeout, its client gone) stops waiting alone; the request goes on for the others,
/// and is cancelled only when every waiter has given up. A failure reaches every waiter.
/// </para>
/// </remarks>
public sealed class DeduplicatingSubgraphTransport(ISubgraphTransport inner, Func<string?> callerOf, Meter meter) : ISubgraphTransport
{
    /// <summary>Counts the subgraph requests not sent because an identical one was in flight (tag <c>subgraph</c>).</summary>
    public const string DeduplicatedInstrument = "coursera.gateway.subgraph.deduplicated";

    private readonly ConcurrentDictionary<SharedRequestKey, SharedRequest> _inFlight = new();

    private readonly Counter<long> _deduplicated = (meter ?? throw new ArgumentNullException(nameof(meter))).CreateCounter<long>(
        DeduplicatedInstrument, "{request}",
        "Subgraph requests not sent because an identical query (same subgraph, caller, text and variables) was in flight; the caller waited for its answer.");

    public async Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsQuery(request.Query))
        {
            return await inner.ExecuteAsync(subgraph, request, cancellationToken);
        }

        var key = new SharedRequestKey(subgraph, callerOf(), request);
        SharedRequest shared;
        while (true)
        {
            var candidate = new SharedRequest();
            shared = _inFlight.GetOrAdd(key, candidate);
            if (shared.TryJoin())
            {
                if (shared == candidate)
                {
                    // Started on this caller's flow (its trace, its forwarded headers), but not cancelled with it.
                    _ = SendAsync(key, shared, subgraph, request);
                }
                else
                {
                    _deduplicated.Add(1, new KeyValuePair<string, object?>("subgraph", subgraph));
                }

                break;
            }

            // Answered or abandoned a moment ago and on its way out of the table: start afresh.
            _inFlight.TryRemove(KeyValuePair.Create(key, shared));
        }

        JsonObject response;
        try
        {
            response = await shared.Answered.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (shared.Leave())
            {
                _inFlight.TryRemove(KeyValuePair.Create(key, shared));
                await shared.Abandon.CancelAsync();
            }

            throw;
        }

        return shared.Take(response);
    }

    public IAsyncEnumerable<JsonObject> SubscribeAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken) =>
        inner.SubscribeAsync(subgraph, request, cancellationToken);

    private async Task SendAsync(SharedRequestKey key, SharedRequest shared, string subgraph, SubgraphRequest request)
    {
        try
        {
            var response = await inner.ExecuteAsync(subgraph, request, shared.Abandon.Token);
            _inFlight.TryRemove(KeyValuePair.Create(key, shared));
            shared.Answer(response);
        }
#pragma warning disable CA1031 // The exception belongs to every waiter: it is handed to them, not thrown here.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _inFlight.TryRemove(KeyValuePair.Create(key, shared));
            shared.Fail(e);
        }
    }

    /// <summary>
    /// Only a query may be shared: the gateway's own fetches start with their operation type (a mutation must run as
    /// often as it was asked for, and a subscription is a stream of its own).
    /// </summary>
    private static bool IsQuery(string document)
    {
        var text = document.AsSpan().TrimStart();
        return text.StartsWith("{", StringComparison.Ordinal)
            || (text.StartsWith("query", StringComparison.Ordinal) && (text.Length == 5 || !(char.IsAsciiLetterOrDigit(text[5]) || text[5] == '_')));
    }

    /// <summary>One request in flight and the callers waiting for it.</summary>
    private sealed class SharedRequest
    {
        private readonly TaskCompletionSource<JsonObject> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private int _joined;
        private int _waiting;
        private bool _closed;
        private int _originalTaken;
        private byte[]? _copy;

        /// <summary>
        /// Cancelled when every waiter has given up. Never disposed: it has no timer or link to release, and a waiter
        /// leaving may cancel it while the answer arrives.
        /// </summary>
        public CancellationTokenSource Abandon { get; } = new();

        public Task<JsonObject> Answered => _answer.Task;

        /// <summary>Adds a waiter, unless the request is already answered or abandoned.</summary>
        public bool TryJoin()
        {
            lock (_lock)
            {
                if (_closed)
                {
                    return false;
                }

                _joined++;
                _waiting++;
                return true;
            }
        }

        /// <returns>Whether this was the last waiter of a request still unanswered, which is then abandoned.</returns>
        public bool Leave()
        {
            lock (_lock)
            {
                _waiting--;
                if (_waiting > 0 || _closed)
                {
                    return false;
                }

                _closed = true;
                return true;
            }
        }

        public void Answer(JsonObject response)
        {
            int joined;
            lock (_lock)
            {
                _closed = true;
                joined = _joined;
            }

            // Written before any waiter can reach the response, and so before anyone has moved a node out of it.
            if (joined > 1)
            {
                var buffer = new ArrayBufferWriter<byte>(4096);
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    response.WriteTo(writer);
                }

                _copy = buffer.WrittenSpan.ToArray();
            }

            _answer.TrySetResult(response);
        }

        public void Fail(Exception exception)
        {
            lock (_lock)
            {
                _closed = true;
            }

            _answer.TrySetException(exception);
            _ = _answer.Task.Exception; // observed here too: every waiter may have given up already
        }

        /// <summary>The response for one waiter: the original for the first to ask, a copy of its own for each other.</summary>
        public JsonObject Take(JsonObject original) =>
            Interlocked.Exchange(ref _originalTaken, 1) == 0
                ? original
                : SubgraphResponseReader.ReadObject(_copy!) ?? throw new InvalidOperationException("A shared subgraph response could not be copied.");
    }

    /// <summary>What makes two subgraph requests the same request: subgraph, caller, query text, operation name and variables.</summary>
    private sealed class SharedRequestKey : IEquatable<SharedRequestKey>
    {
        private static readonly byte[] NoVariables = "{}"u8.ToArray();

        private readonly string _subgraph;
        private readonly string? _caller;
        private readonly string _query;
        private readonly string? _operationName;
        private readonly byte[] _variables;
        private readonly int _hash;

        public SharedRequestKey(string subgraph, string? caller, SubgraphRequest request)
        {
            _subgraph = subgraph;
            _caller = caller;
            _query = request.Query;
            _operationName = request.OperationName;
            _variables = request.Variables.Count == 0 ? NoVariables : Serialize(request.Variables);
            var hash = new HashCode();
            hash.Add(subgraph, StringComparer.Ordinal);
            hash.Add(caller, StringComparer.Ordinal);
            hash.Add(_query, StringComparer.Ordinal);
            hash.Add(_operationName, StringComparer.Ordinal);
            hash.AddBytes(_variables);
            _hash = hash.ToHashCode();
        }

        public bool Equals(SharedRequestKey? other) =>
            other is not null && _hash == other._hash
            && string.Equals(_subgraph, other._subgraph, StringComparison.Ordinal)
            && string.Equals(_caller, other._caller, StringComparison.Ordinal)
            && string.Equals(_query, other._query, StringComparison.Ordinal)
            && string.Equals(_operationName, other._operationName, StringComparison.Ordinal)
            && _variables.AsSpan().SequenceEqual(other._variables);

        public override bool Equals(object? obj) => Equals(obj as SharedRequestKey);

        public override int GetHashCode() => _hash;

        private static byte[] Serialize(JsonObject variables)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                variables.WriteTo(writer);
            }

            return buffer.WrittenSpan.ToArray();
        }
    }
}
