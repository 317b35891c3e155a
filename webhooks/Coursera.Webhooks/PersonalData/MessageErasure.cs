using System.Text.Json;
using Coursera.Events;
using Coursera.Events.PersonalData;
using Npgsql;

namespace Coursera.Webhooks.PersonalData;

/// <summary>
/// An erased person leaves the webhook messages: every body that names them (their id anywhere in it, or an external
/// id an organization gave them, learnt from those same bodies or from the erasure event) is replaced by
/// <c>{"type", "timestamp", "data": {"erased": true}}</c>, and the receivers' answers to it are dropped (a receiver may
/// echo what it got). The <c>learner.erased</c> notices stay as they are: telling each tenant whom to erase is their
/// purpose. Run by the fan-out in stream order, so an event fanned out before the erasure is erased with it.
/// </summary>
public static class MessageErasure
{
    public static bool IsErasure(EventEnvelope envelope) =>
        envelope is { Type: PersonalDataEvents.ErasureRequested } && envelope.Data.ValueKind == JsonValueKind.Object;

    public static async Task EraseAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(transaction);
        if (!envelope.Data.TryGetProperty("userId", out var user) || !Guid.TryParse(user.GetString(), out var userId))
        {
            return;
        }

        List<string> externalIds = envelope.Data.TryGetProperty("externalIds", out var given) && given.ValueKind == JsonValueKind.Array
            ? [.. given.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
        await using var command = new NpgsqlCommand($"""
            WITH named AS (
                SELECT id, body FROM webhooks.messages WHERE strpos(body, $1) > 0 AND event_type <> '{PersonalDataEvents.LearnerErased}'
            ), external_ids AS (
                SELECT DISTINCT v #>> '{"{}"}' AS external_id FROM named, jsonb_path_query(named.body::jsonb, '$.**.externalId') AS v
                WHERE jsonb_typeof(v) = 'string'
                UNION SELECT unnest($2::text[])
            ), erased AS (
                UPDATE webhooks.messages m
                SET body = jsonb_build_object('type', m.event_type, 'timestamp', m.body::jsonb -> 'timestamp', 'data', jsonb_build_object('erased', true))::text
                WHERE m.event_type <> '{PersonalDataEvents.LearnerErased}'
                  AND (m.id IN (SELECT id FROM named)
                       OR EXISTS (SELECT 1 FROM jsonb_path_query(m.body::jsonb, '$.**.externalId') AS v
                                  WHERE v #>> '{"{}"}' IN (SELECT external_id FROM external_ids)))
                RETURNING m.id
            )
            SELECT id FROM erased
            """, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = externalIds.ToArray() });
        var erased = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                erased.Add(reader.GetGuid(0));
            }
        }

        // A statement of its own, so it sees the attempts a dispatch round committed while the update above waited for
        // its locks on the same messages (one statement sees only what was committed when it began).
        await using var answers = new NpgsqlCommand("UPDATE webhooks.delivery_attempts SET response = NULL WHERE message_id = ANY($1)",
            transaction.Connection, transaction);
        answers.Parameters.Add(new NpgsqlParameter { Value = erased.ToArray() });
        await answers.ExecuteNonQueryAsync(cancellationToken);
    }
}
