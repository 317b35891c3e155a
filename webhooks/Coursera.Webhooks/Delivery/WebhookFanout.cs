using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Webhooks.PersonalData;
using Npgsql;
using NpgsqlTypes;

namespace Coursera.Webhooks.Delivery;

/// <summary>
/// Turns each event into one message per enabled endpoint of the event's tenants that wants its type, in the inbox
/// transaction: an event is fanned out once, however often it is delivered to this consumer. A batch of events is
/// fanned out by one statement. An erasure request erases the person from the messages (<see cref="MessageErasure"/>).
/// </summary>
public sealed class WebhookFanout : IEventHandler
{
    public bool Handles(string type) => true;

    public Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        HandleBatchAsync([envelope], transaction, cancellationToken);

    public async Task HandleBatchAsync(IReadOnlyList<EventEnvelope> envelopes, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        ArgumentNullException.ThrowIfNull(transaction);
        var addressed = envelopes.Where(e => e.PartnerId is not null || e.OrganizationId is not null).ToList();
        if (addressed.Count > 0)
        {
            await FanOutAsync(addressed, transaction, cancellationToken);
        }

        // After the batch's fan-out, in the same transaction: whatever named the person before the erasure is erased too.
        foreach (var erasure in envelopes.Where(MessageErasure.IsErasure))
        {
            await MessageErasure.EraseAsync(erasure, transaction, cancellationToken);
        }
    }

    private static async Task FanOutAsync(List<EventEnvelope> addressed, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {

        // ORDINALITY keeps the stream's order in the messages' creation, so an endpoint's messages go out in it.
        await using var insert = new NpgsqlCommand("""
            INSERT INTO webhooks.messages (id, event_id, endpoint_id, event_type, body, created_at, status, next_attempt_at, attempts)
            SELECT gen_random_uuid(), ev.id, e.id, ev.type, ev.body, now(), 0, now(), 0
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[]) WITH ORDINALITY AS ev (id, type, body, partner_id, organization_id, n)
            JOIN webhooks.endpoints e ON e.tenant_id IN (ev.partner_id, ev.organization_id)
            WHERE e.enabled AND (cardinality(e.event_types) = 0 OR ev.type = ANY(e.event_types))
            ORDER BY ev.n
            ON CONFLICT (event_id, endpoint_id) DO NOTHING
            """, transaction.Connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = addressed.Select(e => e.Id).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = addressed.Select(e => e.Type).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = addressed.Select(e => WebhookBody.Create(e.Type, e.OccurredAt, e.Data)).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = addressed.Select(e => e.PartnerId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        insert.Parameters.Add(new NpgsqlParameter { Value = addressed.Select(e => e.OrganizationId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
