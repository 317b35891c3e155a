using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Coursera.Events.Handling;

/// <summary>
/// What a service does with the events of one consumer group. A handler takes only its domain dependencies; the bus
/// (stream, consumer group, inbox, retries) is <see cref="EventConsumer"/>'s, which calls it inside the inbox
/// transaction: what the handler writes through <c>transaction</c> commits with the inbox row, or not at all.
/// Register handlers in the service's module with <see cref="EventsExtensions.AddEvents"/>.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "A handler of events, the name messaging libraries use; not a delegate.")]
public interface IEventHandler
{
    /// <summary>The event types this handler wants; the others are acknowledged untouched.</summary>
    bool Handles(string type);

    Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Handles a batch of events (in stream order, each new to this group) inside one inbox transaction. One by one
    /// unless a handler can do better, such as one statement for the whole batch.
    /// </summary>
    async Task HandleBatchAsync(IReadOnlyList<EventEnvelope> envelopes, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        foreach (var envelope in envelopes)
        {
            await HandleAsync(envelope, transaction, cancellationToken);
        }
    }
}
