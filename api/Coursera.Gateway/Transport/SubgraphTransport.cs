using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Coursera.Federation.Execution;

namespace Coursera.Gateway.Transport;

/// <summary>Routes each subgraph request to the in-process subgraph of that name, or over HTTP (WebSocket for subscriptions).</summary>
internal sealed class SubgraphTransport(IEnumerable<InProcessSubgraph> local, HttpSubgraphTransport http, IMeterFactory meters) : ISubgraphTransport
{
    private readonly Dictionary<string, InProcessSubgraph> _local = local.ToDictionary(l => l.Name);
    private readonly SubgraphFetchMetrics _metrics = new(meters);

    public Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken) =>
        _local.TryGetValue(subgraph, out var inProcess)
            ? _metrics.MeasureAsync(subgraph, "in_process", () => inProcess.ExecuteAsync(request, cancellationToken))
            : _metrics.MeasureAsync(subgraph, "http", () => http.ExecuteAsync(subgraph, request, cancellationToken));

    public IAsyncEnumerable<JsonObject> SubscribeAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken) =>
        _local.TryGetValue(subgraph, out var inProcess)
            ? inProcess.SubscribeAsync(request, cancellationToken)
            : http.SubscribeAsync(subgraph, request, cancellationToken);
}
