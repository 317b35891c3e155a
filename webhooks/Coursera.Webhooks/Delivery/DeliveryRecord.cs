using Coursera.Webhooks.Data;
using Coursera.Webhooks.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Coursera.Webhooks.Delivery;

/// <summary>
/// What a dispatch round writes back: the messages' new state and the attempts for the delivery log, as two
/// statements over arrays in one round trip whatever the round's size (a change-tracked save of a few hundred
/// rows cost the dispatcher more CPU than sending them).
/// </summary>
internal sealed class DeliveryRecord(IReadOnlyList<WebhookMessage> messages, IReadOnlyList<DeliveryAttempt> attempts)
{
    /// <summary>Writes through the context's connection and current transaction.</summary>
    public async Task WriteAsync(WebhooksDbContext db, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        await using var batch = new NpgsqlBatch(connection, transaction);

        // The messages first: their row locks wait for an erasure under way (MessageErasure), and the attempts, a
        // statement later, see its result, so a receiver's answer to a body erased while it was being sent is not kept.
        var update = new NpgsqlBatchCommand("""
            UPDATE webhooks.messages m
            SET status = u.status, attempts = u.attempts, next_attempt_at = u.next_attempt_at, delivered_at = u.delivered_at
            FROM unnest($1::uuid[], $2::int[], $3::int[], $4::timestamptz[], $5::timestamptz[]) AS u (id, status, attempts, next_attempt_at, delivered_at)
            WHERE m.id = u.id
            """);
        update.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.Id).ToArray() });
        update.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => (int)m.Status).ToArray() });
        update.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.Attempts).ToArray() });
        update.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.NextAttemptAt).ToArray() });
        update.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.DeliveredAt).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        batch.BatchCommands.Add(update);

        var insert = new NpgsqlBatchCommand("""
            INSERT INTO webhooks.delivery_attempts (id, message_id, endpoint_id, attempted_at, status_code, duration_ms, succeeded, response)
            SELECT a.id, a.message_id, a.endpoint_id, a.attempted_at, a.status_code, a.duration_ms, a.succeeded,
                   CASE WHEN m.body::jsonb -> 'data' = '{"erased": true}'::jsonb THEN NULL ELSE a.response END
            FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::int[], $6::int[], $7::bool[], $8::text[])
                 AS a (id, message_id, endpoint_id, attempted_at, status_code, duration_ms, succeeded, response)
            JOIN webhooks.messages m ON m.id = a.message_id
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => a.Id).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => a.MessageId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => a.EndpointId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => a.AttemptedAt).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => a.StatusCode).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        insert.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => a.DurationMs).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => a.Succeeded).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => a.Response).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        batch.BatchCommands.Add(insert);

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
