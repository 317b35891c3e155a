namespace Coursera.Events;

/// <summary>Where events travel, bound from the <c>Events</c> configuration section.</summary>
public sealed class EventStreamOptions
{
    public const string Section = "Events";

    /// <summary>The Redis Stream every service publishes to and consumes from.</summary>
    public string Stream { get; set; } = "coursera:events";

    /// <summary>About this many entries are kept (approximate trimming at every publish); consumers must keep up within it.</summary>
    public int MaxStreamLength { get; set; } = 1_000_000;

    /// <summary>Rows the relay takes per round.</summary>
    public int RelayBatchSize { get; set; } = 500;

    /// <summary>How long consumers wait when they found nothing to do.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long the relay sleeps when the outbox is empty, unless the outbox's insert trigger wakes it first (at once,
    /// as a row commits): the longest a row waits if that notification is lost.
    /// </summary>
    public TimeSpan RelayIdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A message delivered to a consumer that has not acknowledged it for this long is claimed by another.</summary>
    public TimeSpan ClaimAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A consumer that has not completed a round for this long shows as Degraded in <c>/health/ready</c>.</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Published outbox rows are deleted after this long. Until then they are published again if Redis loses the stream,
    /// so this is also the longest Redis outage with data loss that the backbone repairs by itself.
    /// </summary>
    public TimeSpan KeepPublished { get; set; } = TimeSpan.FromDays(1);
}
