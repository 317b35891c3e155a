namespace Coursera.Events.Outbox;

/// <summary>
/// An event waiting to be published: written in the same transaction as the change it describes, so an event exists
/// if and only if its change was committed. The relay publishes it and stamps <see cref="PublishedAt"/>.
/// </summary>
public sealed class OutboxMessage
{
    public required Guid Id { get; init; }

    /// <summary>Insertion order (an identity column): events are published in the order they were written.</summary>
    public long Position { get; init; }

    public required string Type { get; init; }

    public required DateTime OccurredAt { get; init; }

    /// <summary>The whole <see cref="EventEnvelope"/> as JSON (<c>jsonb</c>).</summary>
    public required string Envelope { get; init; }

    public DateTime? PublishedAt { get; set; }

    public static OutboxMessage From(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return new OutboxMessage { Id = envelope.Id, Type = envelope.Type, OccurredAt = envelope.OccurredAt, Envelope = envelope.ToJson() };
    }
}
