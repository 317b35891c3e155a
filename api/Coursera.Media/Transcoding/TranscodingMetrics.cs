using System.Diagnostics.Metrics;
using Coursera.ServiceDefaults.Telemetry;

namespace Coursera.Media.Transcoding;

/// <summary>
/// The transcoding queue's instruments (meter <c>Coursera.Media</c>): how each try ends and how long it took, and the
/// queue (<c>coursera.media.transcoding.queue.length</c> and <c>.age</c>). The queue's age is what a partner waiting
/// for a READY video feels, and what its SLO is written on.
/// </summary>
public sealed class TranscodingMetrics
{
    public const string MeterName = "Coursera.Media";

    /// <summary>
    /// Jobs queued or being transcoded, and how long the oldest that a worker may take now has waited: queued and due,
    /// or leased by a worker whose lease ran out (it died), as <see cref="TranscodeLeases.LeaseAsync"/> takes them.
    /// </summary>
    private const string QueueQuery = """
        SELECT count(*),
               coalesce(extract(epoch FROM now() - min(available_at) FILTER (
                   WHERE available_at <= now() AND (state = 'Queued' OR lease_expires_at < now()))), 0)::float8
        FROM media.transcode_jobs WHERE state IN ('Queued', 'Leased')
        """;

    /// <summary>From a second (a short clip) to an hour (a long lecture on a slow worker).</summary>
    private static readonly double[] TryBuckets = [1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    private readonly Counter<long> _tries;
    private readonly Histogram<double> _duration;

    public TranscodingMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _tries = meter.CreateCounter<long>("coursera.media.transcoding.tries", "{try}",
            "Transcoding tries by outcome: ready, retry (failed, queued again), failed (the asset failed), lease_lost (another worker took the job).");
        _duration = meter.CreateHistogram("coursera.media.transcoding.duration", "s", "How long a transcoding try took, by outcome.", null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = TryBuckets });
        Queue = new QueueGauges(meter, "coursera.media.transcoding.queue", "{job}", "Transcoding jobs", QueueQuery);
    }

    public QueueGauges Queue { get; }

    public void Tried(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _tries.Add(1, tag);
        _duration.Record(duration.TotalSeconds, tag);
    }
}
