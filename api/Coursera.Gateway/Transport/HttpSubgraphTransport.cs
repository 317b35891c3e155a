using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Execution;
using Coursera.Subgraphs.Internal;

namespace Coursera.Gateway.Transport;

/// <summary>
/// Calls subgraphs over HTTP on pooled keep-alive connections, forwarding the caller's <c>Authorization</c> and
/// request id (<c>traceparent</c> is added by the HTTP client instrumentation); subscriptions go over WebSocket
/// (<see cref="SubgraphSubscription"/>).
/// </summary>
/// <remarks>
/// Identical queries in flight at the same time (same subgraph, same body, same <c>Authorization</c>) share one
/// subgraph request, as Hive Gateway and the Apollo Router do: under load many clients send the same operation, and a
/// subgraph need not answer the same question twice at once. Mutations are never shared. A shared request carries the
/// request id of the client request that started it.
/// </remarks>
public sealed class HttpSubgraphTransport(IHttpClientFactory clients, IEnumerable<SubgraphEndpoint> endpoints, IHttpContextAccessor context,
    IConfiguration configuration)
{
    /// <summary>Signs the WebSocket upgrades; the HTTP clients' own handler signs requests (see <c>AddGateway</c>).</summary>
    private readonly GatewayCredential? _credential = GatewayCredential.FromConfiguration(configuration);

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly Dictionary<string, SubgraphEndpoint> _endpoints = endpoints.ToDictionary(e => e.Name);
    private readonly ConcurrentDictionary<InFlightKey, Task<byte[]>> _inFlight = new();

    private readonly SubgraphSockets _sockets = new(
        configuration.GetValue(SubgraphSockets.OperationsPerConnectionSetting, SubgraphSockets.DefaultOperationsPerConnection) is var perConnection and > 0
            ? perConnection
            : throw new InvalidOperationException($"{SubgraphSockets.OperationsPerConnectionSetting} must be positive."));

    /// <summary>The subscription connections open to the subgraphs (tests and diagnostics).</summary>
    internal SubgraphSockets Sockets => _sockets;

    public static string ClientName(string subgraph) => "subgraph-" + subgraph;

    public bool Serves(string subgraph) => _endpoints.ContainsKey(subgraph);

    public async Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = _endpoints[subgraph];
        var body = Serialize(request);
        string? authorization = null;
        string? requestId = null;
        if (context.HttpContext is { } http)
        {
            authorization = http.Request.Headers.Authorization.ToString() is { Length: > 0 } value ? value : null;
            requestId = http.TraceIdentifier;
        }

        byte[] response;
        if (IsQuery(request.Query))
        {
            var key = new InFlightKey(subgraph, authorization, body);
            var sent = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            var shared = _inFlight.GetOrAdd(key, sent.Task);
            if (shared == sent.Task)
            {
                // This request sends; whoever asks the same meanwhile waits for its answer. It is not cancelled with
                // the caller, since others may be waiting for it (the HTTP client's own timeout still bounds it).
                _ = SendSharedAsync(endpoint, body, authorization, requestId, key, sent);
            }

            response = await shared.WaitAsync(cancellationToken);
        }
        else
        {
            response = await SendAsync(endpoint, body, authorization, requestId, cancellationToken);
        }

        return Parse(subgraph, response);
    }

    /// <summary>
    /// A subscription over graphql-transport-ws on the subgraph's URL, with the caller's <c>Authorization</c> as a request
    /// has it, on a connection it shares with the same caller's other subscriptions to that subgraph.
    /// </summary>
    public IAsyncEnumerable<JsonObject> SubscribeAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = context.HttpContext;
        var authorization = http?.Request.Headers.Authorization.ToString() is { Length: > 0 } value ? value : null;
        var url = _endpoints[subgraph].Url;
        return _sockets.SubscribeAsync(url, authorization, () => _credential?.Sign(HttpMethods.Get, url.AbsolutePath), request, cancellationToken);
    }

    private async Task SendSharedAsync(SubgraphEndpoint endpoint, byte[] body, string? authorization, string? requestId, InFlightKey key,
        TaskCompletionSource<byte[]> sent)
    {
        try
        {
            sent.SetResult(await SendAsync(endpoint, body, authorization, requestId, CancellationToken.None));
        }
#pragma warning disable CA1031 // The exception belongs to every waiter: it is handed to them, not thrown here.
        catch (Exception e)
#pragma warning restore CA1031
        {
            sent.SetException(e);
            _ = sent.Task.Exception; // observed here too: every waiter may have given up already
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(key, sent.Task));
        }
    }

    private async Task<byte[]> SendAsync(SubgraphEndpoint endpoint, byte[] body, string? authorization, string? requestId, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = JsonMediaType;
        message.Headers.Accept.Add(AcceptJson);
        if (authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (requestId is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Request-Id", requestId);
        }

        using var response = await clients.CreateClient(ClientName(endpoint.Name))
            .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await ReadAllAsync(stream, response.Content.Headers.ContentLength, cancellationToken);
    }

    /// <summary>
    /// The body read into pooled buffers and copied once into an array of its exact size: growing a stream for a
    /// response of unknown length (chunked) would allocate arrays past the large object heap's threshold for the big
    /// entity responses, and each such allocation costs a full collection soon after.
    /// </summary>
    private static async Task<byte[]> ReadAllAsync(Stream stream, long? length, CancellationToken cancellationToken)
    {
        if (length is { } known and <= int.MaxValue)
        {
            var exact = new byte[known];
            await stream.ReadExactlyAsync(exact, cancellationToken);
            return exact;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken);
                if (read == 0)
                {
                    return buffer.AsSpan(0, count).ToArray();
                }

                count += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The request body, written straight to UTF-8: no intermediate JSON tree, no copy of the variables.</summary>
    private static byte[] Serialize(SubgraphRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + request.Query.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("query", request.Query);
            if (request.OperationName is null)
            {
                writer.WriteNull("operationName");
            }
            else
            {
                writer.WriteString("operationName", request.OperationName);
            }

            writer.WritePropertyName("variables");
            request.Variables.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static JsonObject Parse(string subgraph, byte[] body) =>
        body.Length > 0 && SubgraphResponseReader.ReadObject(body) is { } response
            ? response
            : throw new HttpRequestException($"The {subgraph} subgraph did not answer with a JSON object.");

    /// <summary>Only a query may share a request with another: the gateway's own fetches start with their operation type.</summary>
    private static bool IsQuery(string document)
    {
        var text = document.AsSpan().TrimStart();
        return text.StartsWith("query", StringComparison.Ordinal) || text.StartsWith("{", StringComparison.Ordinal);
    }

    /// <summary>What makes two subgraph requests the same request: subgraph, caller's credentials and the exact body.</summary>
    private sealed class InFlightKey : IEquatable<InFlightKey>
    {
        private readonly string _subgraph;
        private readonly string? _authorization;
        private readonly byte[] _body;
        private readonly int _hash;

        public InFlightKey(string subgraph, string? authorization, byte[] body)
        {
            _subgraph = subgraph;
            _authorization = authorization;
            _body = body;
            var hash = new HashCode();
            hash.Add(subgraph, StringComparer.Ordinal);
            hash.Add(authorization, StringComparer.Ordinal);
            hash.AddBytes(body);
            _hash = hash.ToHashCode();
        }

        public bool Equals(InFlightKey? other) =>
            other is not null && _hash == other._hash && _subgraph == other._subgraph && _authorization == other._authorization
            && _body.AsSpan().SequenceEqual(other._body);

        public override bool Equals(object? obj) => Equals(obj as InFlightKey);

        public override int GetHashCode() => _hash;
    }
}
