namespace Coursera.Webhooks.Model;

/// <summary>
/// One event for one endpoint: the body to send (<c>{type, timestamp, data}</c>), and where its delivery stands.
/// Its <see cref="EventId"/> is the <c>webhook-id</c> of every attempt, so receivers can drop duplicates.
/// </summary>
public sealed class WebhookMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid EventId { get; init; }

    public required Guid EndpointId { get; init; }

    public required string EventType { get; init; }

    public required string Body { get; init; }

    public required DateTime CreatedAt { get; init; }

    public MessageStatus Status { get; set; } = MessageStatus.Pending;

    /// <summary>When the next attempt is due; also a lease: a dispatcher taking the message moves it forward first.</summary>
    public DateTime NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTime? DeliveredAt { get; set; }
}

public enum MessageStatus
{
    Pending,
    Delivered,

    /// <summary>Every attempt of the schedule failed, or its endpoint was disabled.</summary>
    Failed,
}
