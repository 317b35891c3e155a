using System.Text.Json;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Events.PersonalData;
using Npgsql;

namespace Coursera.Learner.PersonalData;

/// <summary>
/// Drops the program invitations sent to an erased account's email that were never accepted: the learner service
/// cannot tell whose they are until identity, erasing the account, says which email it had (as a hash).
/// </summary>
public sealed class InvitationEraser() : IEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type == PersonalDataEvents.AccountErased;

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var erased = envelope.Data.Deserialize<AccountErasedData>(Json) ?? throw new JsonException($"Event {envelope.Id} has no data.");

        // Invitation emails are stored trimmed and lowercased, as AccountErasedData.Hash expects.
        await using var command = new NpgsqlCommand("""
            DELETE FROM learner.program_memberships
            WHERE user_id IS NULL AND email IS NOT NULL AND encode(sha256(convert_to(email, 'UTF8')), 'hex') = $1
            """, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = erased.EmailSha256 });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
