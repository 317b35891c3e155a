using System.Buffers;
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
/// Identical queries in flight at the same time share one request one level up, in
/// <see cref="DeduplicatingSubgraphTransport"/> (<c>Gateway:Deduplication</c>), for in-process subgraphs too.
/// </remarks>
public sealed class HttpSubgraphTransport(IHttpClientFactory clients, IEnumerable<SubgraphEndpoint> endpoints, IHttpContextAccessor context,
    IConfiguration configuration)
{
    /// <summary>Signs the WebSocket upgrades; the HTTP clients' own handler signs requests (see <c>AddGateway</c>).</summary>
    private readonly GatewayCredential? _credential = GatewayCredential.FromConfiguration(configuration);

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly Dictionary<string, SubgraphEndpoint> _endpoints = endpoints.ToDictionary(e => e.Name);

    private readonly SubgraphSockets _sockets = new(
        configuration.GetValue(SubgraphSockets.OperationsPerConnectionSetting, SubgraphSockets.DefaultOperationsPerConnection) is var perConnection and > 0
            ? perConnection
            : throw new InvalidOperationException($"{SubgraphSockets.OperationsPerConnectionSetting} must be positive."));

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

        var response = await SendAsync(endpoint, body, authorization, requestId, cancellationToken);
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
}
