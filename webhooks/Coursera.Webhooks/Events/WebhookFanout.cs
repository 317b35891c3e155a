using Coursera.Events;
using Coursera.Events.Consumers;
using Coursera.Webhooks.Data;
using Coursera.Webhooks.Delivery;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Coursera.Webhooks.Events;

/// <summary>
/// Turns each event into one message per enabled endpoint of the event's tenants that wants its type, in the inbox
/// transaction: an event is fanned out once, however often it is delivered to this consumer.
/// </summary>
public sealed class WebhookFanout(
    NpgsqlDataSource dataSource,
    IConnectionMultiplexer redis,
    IOptions<EventStreamOptions> options,
    ILogger<WebhookFanout> logger)
    : EventConsumer("webhooks", WebhooksDbContext.Schema, dataSource, redis, options, logger)
{
    protected override bool Wants(string type) => true;

    protected override async Task HandleAsync(EventEnvelope envelope, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        Guid[] tenants = [.. new[] { envelope.PartnerId, envelope.OrganizationId }.OfType<Guid>()];
        if (tenants.Length == 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand("""
            INSERT INTO webhooks.messages (id, event_id, endpoint_id, event_type, body, created_at, status, next_attempt_at, attempts)
            SELECT gen_random_uuid(), $1, e.id, $2, $3, now(), 0, now(), 0
            FROM webhooks.endpoints e
            WHERE e.tenant_id = ANY($4) AND e.enabled AND (cardinality(e.event_types) = 0 OR $2 = ANY(e.event_types))
            ON CONFLICT (event_id, endpoint_id) DO NOTHING
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = envelope.Id });
        insert.Parameters.Add(new NpgsqlParameter { Value = envelope.Type });
        insert.Parameters.Add(new NpgsqlParameter { Value = WebhookBody.Create(envelope.Type, envelope.OccurredAt, envelope.Data) });
        insert.Parameters.Add(new NpgsqlParameter { Value = tenants });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
