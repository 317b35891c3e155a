using System.Diagnostics.Metrics;
using Coursera.ServiceDefaults.Telemetry;
using Coursera.Webhooks.Model;

namespace Coursera.Webhooks.Delivery;

/// <summary>
/// The dispatcher's instruments (meter <c>Coursera.Webhooks</c>): how long an event took to reach an endpoint that
/// accepted it, how attempts end, and the backlog (<c>coursera.webhooks.backlog.length</c> and <c>.age</c>). The delay
/// of first attempts is what the delivery SLO is written on: later attempts wait on the integrator's endpoint, not on us.
/// </summary>
public sealed class WebhookDeliveryMetrics
{
    public const string MeterName = "Coursera.Webhooks";

    /// <summary>
    /// Pending messages, and how long the oldest due one has waited for a dispatcher (a claimed message's next attempt
    /// moves a lease ahead, so messages being sent are not due). Both from the partial index on pending messages.
    /// </summary>
    private const string BacklogQuery = """
        SELECT count(*), coalesce(extract(epoch FROM now() - min(next_attempt_at) FILTER (WHERE next_attempt_at <= now())), 0)::float8
        FROM webhooks.messages WHERE status = 0
        """;

    /// <summary>From a tenth of a second to a day: deliveries normally take a second, retries of a failing endpoint hours.</summary>
    private static readonly double[] DelayBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400];

    private readonly Histogram<double> _delay;
    private readonly Counter<long> _attempts;

    public WebhookDeliveryMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _delay = meter.CreateHistogram("coursera.webhooks.delivery.delay", "s",
            "Time from the event's publication to its successful delivery, by attempt (first, retry).", null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = DelayBuckets });
        _attempts = meter.CreateCounter<long>("coursera.webhooks.attempts", "{attempt}",
            "Delivery attempts by outcome: delivered (2xx), retry (failed, another attempt is scheduled), failed (no attempt left, or the endpoint is disabled).");
        Backlog = new QueueGauges(meter, "coursera.webhooks.backlog", "{message}", "Messages", BacklogQuery);
    }

    public QueueGauges Backlog { get; }

    /// <summary>Counts one attempt's outcome and, when it delivered, the event's delay.</summary>
    public void Attempted(WebhookMessage message, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(message);
        var outcome = message.Status switch
        {
            MessageStatus.Delivered => "delivered",
            MessageStatus.Failed => "failed",
            _ => "retry",
        };
        _attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (message.Status == MessageStatus.Delivered)
        {
            _delay.Record(Math.Max(0, (at - PublishedAt(message)).TotalSeconds),
                new KeyValuePair<string, object?>("attempt", message.Attempts == 1 ? "first" : "retry"));
        }
    }

    /// <summary>A message given up without an attempt (its endpoint was disabled meanwhile).</summary>
    public void Abandoned() => _attempts.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));

    /// <summary>
    /// When the event was published: its id is a version 7 UUID made at publication (<c>EventIds.Next</c>), whose
    /// first 48 bits are the Unix time in milliseconds. So the delay covers the outbox, the stream and the fan-out,
    /// not only the dispatcher. An id of another version falls back on the fan-out time.
    /// </summary>
    public static DateTime PublishedAt(WebhookMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Span<byte> bytes = stackalloc byte[16];
        message.EventId.TryWriteBytes(bytes, bigEndian: true, out _);
        if (bytes[6] >> 4 != 7)
        {
            return message.CreatedAt;
        }

        long milliseconds = 0;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        return DateTime.UnixEpoch.AddMilliseconds(milliseconds);
    }
}
