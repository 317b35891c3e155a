using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Coursera.Federation.Execution;
using Microsoft.Extensions.Options;

namespace Coursera.Gateway.Transport;

/// <summary>Routes each subgraph request to the in-process subgraph of that name, or over HTTP (WebSocket for subscriptions).</summary>
internal sealed class SubgraphTransport(IEnumerable<InProcessSubgraph> local, HttpSubgraphTransport http, IMeterFactory meters) : ISubgraphTransport
{
    private readonly Dictionary<string, InProcessSubgraph> _local = local.ToDictionary(l => l.Name);
    private readonly SubgraphFetchMetrics _metrics = new(meters);

    /// <summary>
    /// The transport the engine uses: this one, behind <see cref="DeduplicatingSubgraphTransport"/> unless
    /// <c>Gateway:Deduplication</c> is off.
    /// </summary>
    public static ISubgraphTransport Create(IServiceProvider services)
    {
        var transport = services.GetRequiredService<SubgraphTransport>();
        if (!services.GetRequiredService<IOptions<GatewayOptions>>().Value.Deduplication)
        {
            return transport;
        }

        var context = services.GetRequiredService<IHttpContextAccessor>();
        return new DeduplicatingSubgraphTransport(transport, () => CallerOf(context.HttpContext),
            services.GetRequiredService<IMeterFactory>().Create(SubgraphFetchMetrics.MeterName));
    }

    /// <summary>
    /// Who the subgraphs see as the caller: the <c>Authorization</c> header, the only per-caller header forwarded over
    /// HTTP, from which the in-process subgraphs' user is also authenticated (a WebSocket's <c>connection_init</c> token
    /// is copied into it). A caller authenticated some other way shares nothing beyond its own request.
    /// </summary>
    internal static string? CallerOf(HttpContext? http) => http switch
    {
        null => null,
        _ when http.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization => authorization,
        _ when http.User.Identity?.IsAuthenticated == true => "request " + http.TraceIdentifier,
        _ => null,
    };

    public Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken) =>
        _local.TryGetValue(subgraph, out var inProcess)
            ? _metrics.MeasureAsync(subgraph, "in_process", () => inProcess.ExecuteAsync(request, cancellationToken))
            : _metrics.MeasureAsync(subgraph, "http", () => http.ExecuteAsync(subgraph, request, cancellationToken));

    public IAsyncEnumerable<JsonObject> SubscribeAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken) =>
        _local.TryGetValue(subgraph, out var inProcess)
            ? inProcess.SubscribeAsync(request, cancellationToken)
            : http.SubscribeAsync(subgraph, request, cancellationToken);
}
