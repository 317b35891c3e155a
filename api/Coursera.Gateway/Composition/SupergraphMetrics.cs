using System.Diagnostics.Metrics;
using Coursera.Gateway.Transport;

namespace Coursera.Gateway.Composition;

/// <summary>
/// Composition as operators watch it (meter <c>Coursera.Gateway</c>): failed attempts by reason, and when the served
/// supergraph was composed. A gateway that keeps serving an old supergraph while every reload fails looks healthy to
/// its clients; the growing age of the last success is what shows it.
/// </summary>
public sealed class SupergraphMetrics
{
    private readonly Counter<long> _failures;
    private long _lastSuccessUnixSeconds;

    public SupergraphMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(SubgraphFetchMetrics.MeterName);
        _failures = meter.CreateCounter<long>("coursera.gateway.composition.failures", null,
            "Attempts to compose or recompose the supergraph that produced nothing new to serve, by reason: subgraph_unreachable or composition_failed.");
        meter.CreateObservableGauge("coursera.gateway.composition.last_success", ObserveLastSuccess, "s",
            "When the supergraph being served was composed, in Unix seconds; absent before the first good composition.");
    }

    public void Failed(SupergraphFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        _failures.Add(1, new KeyValuePair<string, object?>("reason", failure.Reason));
    }

    public void Composed(DateTimeOffset at) => Interlocked.Exchange(ref _lastSuccessUnixSeconds, at.ToUnixTimeSeconds());

    private IEnumerable<Measurement<long>> ObserveLastSuccess()
    {
        var seconds = Interlocked.Read(ref _lastSuccessUnixSeconds);
        return seconds == 0 ? [] : [new Measurement<long>(seconds)];
    }
}
