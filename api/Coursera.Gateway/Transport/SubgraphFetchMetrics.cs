using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;

namespace Coursera.Gateway.Transport;

/// <summary>
/// The gateway's view of each subgraph (meter <c>Coursera.Gateway</c>): how long its fetches take and how they end,
/// whether the subgraph runs in this process (the all-in-one host) or behind HTTP. The public endpoint's own latency
/// (ASP.NET Core's <c>http.server.request.duration</c>) says that a query was slow; this says which subgraph made it so.
/// </summary>
public sealed class SubgraphFetchMetrics
{
    public const string MeterName = "Coursera.Gateway";

    /// <summary>The ASP.NET Core request duration's buckets: a fetch is part of a request and reads on the same scale.</summary>
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly Histogram<double> _duration;

    public SubgraphFetchMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _duration = meters.Create(MeterName).CreateHistogram("coursera.gateway.subgraph.fetch.duration", "s",
            "Subgraph fetches by subgraph, transport (in_process, http) and outcome: ok, errors (the subgraph answered with GraphQL errors), failed (no answer: unreachable, timed out, not JSON).",
            null, new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
    }

    /// <summary>Times <paramref name="fetch"/> and records it under its outcome; the fetch's answer or exception goes on unchanged.</summary>
    public async Task<JsonObject> MeasureAsync(string subgraph, string transport, Func<Task<JsonObject>> fetch)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var response = await fetch();
            outcome = response["errors"] is JsonArray { Count: > 0 } ? "errors" : "ok";
            return response;
        }
        finally
        {
            _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("subgraph", subgraph),
                new KeyValuePair<string, object?>("transport", transport),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
