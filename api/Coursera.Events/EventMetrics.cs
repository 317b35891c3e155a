using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Coursera.Events;

/// <summary>
/// The backbone's instruments (meter <c>Coursera.Events</c>): what was published, by type (the business counters:
/// enrollments, completions, certificates), how far the outbox and each consumer group lag, and whether a consumer has
/// stalled. Gauges read what the relays and consumers last recorded, so a scrape never touches PostgreSQL or Redis.
/// </summary>
public sealed class EventMetrics
{
    public const string MeterName = "Coursera.Events";

    private readonly Counter<long> _published;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _consumerFailures;
    private readonly Counter<long> _redisResets;
    private readonly ConcurrentDictionary<string, long> _pendingSince = new();
    private readonly ConcurrentDictionary<string, long> _lastSuccess = new();
    private readonly ConcurrentDictionary<string, long> _groupLag = new();

    public EventMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("coursera.events.published", "{event}", "Events the outbox relays published to the stream, by schema and type.");
        _consumed = meter.CreateCounter<long>("coursera.events.consumed", "{event}", "Events a consumer group handled (or found handled before) and acknowledged.");
        _consumerFailures = meter.CreateCounter<long>("coursera.events.consumer.failures", "{failure}", "Consumer rounds that failed; the events stay pending and are retried.");
        _redisResets = meter.CreateCounter<long>("coursera.events.redis_resets", "{reset}",
            "Times a relay found that Redis had lost what it published (restarted empty, failed over to a fresh replica) and published its kept outbox again.");
        meter.CreateObservableGauge("coursera.events.outbox.lag", () => Ages(_pendingSince, "schema"), "s",
            "Age of the oldest outbox row a relay has seen and not yet published, by schema; 0 when the outbox is drained.");
        meter.CreateObservableGauge("coursera.events.consumer.last_success_age", () => Ages(_lastSuccess, "group"), "s",
            "Seconds since a consumer group's last successful round in this process: it grows while the consumer is stalled.");
        meter.CreateObservableGauge("coursera.events.consumer.lag", () => _groupLag.Select(g => new Measurement<long>(g.Value, new KeyValuePair<string, object?>("group", g.Key))),
            "{event}", "Entries of the stream a consumer group has not yet had delivered or acknowledged, as last read from Redis.");
    }

    internal void Published(string schema, IEnumerable<string> types)
    {
        foreach (var type in types.GroupBy(t => t))
        {
            _published.Add(type.Count(), new KeyValuePair<string, object?>("schema", schema), new KeyValuePair<string, object?>("type", type.Key));
        }
    }

    /// <summary>
    /// The oldest unpublished row a relay's round found was written at <paramref name="oldest"/> (null: none). While Redis is
    /// down the rounds keep finding the same row, so the lag keeps growing through the outage.
    /// </summary>
    internal void OutboxPending(string schema, DateTime? oldest) =>
        _pendingSince[schema] = oldest is { } since ? Stopwatch.GetTimestamp() - ElapsedTicks(since) : 0;

    internal void RedisReset(string schema) => _redisResets.Add(1, new KeyValuePair<string, object?>("schema", schema));

    internal void ConsumerStarted(string group) => _lastSuccess.TryAdd(group, Stopwatch.GetTimestamp());

    internal void Consumed(string group, int count)
    {
        _lastSuccess[group] = Stopwatch.GetTimestamp();
        if (count > 0)
        {
            _consumed.Add(count, new KeyValuePair<string, object?>("group", group));
        }
    }

    internal void ConsumerFailed(string group) => _consumerFailures.Add(1, new KeyValuePair<string, object?>("group", group));

    internal void GroupLag(string group, long lag) => _groupLag[group] = lag;

    /// <summary>How long ago a consumer group last completed a round in this process, if it has started.</summary>
    public TimeSpan? SinceLastSuccess(string group) =>
        _lastSuccess.TryGetValue(group, out var at) ? Stopwatch.GetElapsedTime(at) : null;

    private static IEnumerable<Measurement<double>> Ages(ConcurrentDictionary<string, long> since, string tag) =>
        since.Select(s => new Measurement<double>(s.Value == 0 ? 0 : Stopwatch.GetElapsedTime(s.Value).TotalSeconds,
            new KeyValuePair<string, object?>(tag, s.Key)));

    private static long ElapsedTicks(DateTime since) =>
        (long)(Math.Max(0, (DateTime.UtcNow - since).TotalSeconds) * Stopwatch.Frequency);
}
