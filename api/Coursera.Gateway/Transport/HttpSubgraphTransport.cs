using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Execution;

namespace Coursera.Gateway.Transport;

/// <summary>
/// Calls subgraphs over HTTP on pooled keep-alive connections, forwarding the caller's <c>Authorization</c> and
/// request id (<c>traceparent</c> is added by the HTTP client instrumentation).
/// </summary>
public sealed class HttpSubgraphTransport(IHttpClientFactory clients, IEnumerable<SubgraphEndpoint> endpoints, IHttpContextAccessor context)
{
    private readonly Dictionary<string, SubgraphEndpoint> _endpoints = endpoints.ToDictionary(e => e.Name);

    public static string ClientName(string subgraph) => "subgraph-" + subgraph;

    public bool Serves(string subgraph) => _endpoints.ContainsKey(subgraph);

    public async Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoints[subgraph].Url)
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["query"] = request.Query,
                ["operationName"] = request.OperationName,
                ["variables"] = request.Variables.DeepClone(),
            }),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (context.HttpContext is { } http)
        {
            if (http.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
            {
                message.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            message.Headers.TryAddWithoutValidation("X-Request-Id", http.TraceIdentifier);
        }

        using var response = await clients.CreateClient(ClientName(subgraph)).SendAsync(message, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)
            ?? throw new HttpRequestException($"The {subgraph} subgraph answered with an empty body ({(int)response.StatusCode}).");
    }
}

/// <summary>Routes each subgraph request to the in-process subgraph of that name, or over HTTP.</summary>
internal sealed class SubgraphTransport(IEnumerable<InProcessSubgraph> local, HttpSubgraphTransport http) : ISubgraphTransport
{
    private readonly Dictionary<string, InProcessSubgraph> _local = local.ToDictionary(l => l.Name);

    public Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken) =>
        _local.TryGetValue(subgraph, out var inProcess)
            ? inProcess.ExecuteAsync(request, cancellationToken)
            : http.ExecuteAsync(subgraph, request, cancellationToken);
}
