using System.Text.Json;
using Coursera.Documents;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Events.Outbox;
using Coursera.Events.PersonalData;
using Coursera.Identity.Data;
using Coursera.Identity.Model;
using Npgsql;

namespace Coursera.Identity.PersonalData;

/// <summary>
/// Identity's answers about a person: their account, memberships and security events for an export; and, when an
/// erasure is requested, the account pseudonymised (email, name, password, two-factor, sign-ins all gone), their
/// memberships and tokens removed, and the personal columns of their audit entries blanked (the one change the
/// append-only audit log allows, and only under <c>identity.erasure</c>).
/// </summary>
public sealed partial class PersonalDataResponder(
    IDocumentStore documents,
    TimeProvider clock,
    ILogger<PersonalDataResponder> logger) : IEventHandler
{
    public const string Service = "identity";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDocumentCollection<ExportPart> _dropBox = documents.Collection<ExportPart>(PersonalDataEvents.DropBoxOwner, PersonalDataEvents.DropBoxCollection);

    // learner.erased without a tenant is how an erasure was requested before personal_data.erasure_requested: one
    // still in the stream at an upgrade is honoured.
    public bool Handles(string type) =>
        type is PersonalDataEvents.ExportRequested or PersonalDataEvents.ErasureRequested or PersonalDataEvents.LearnerErased;

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Type == PersonalDataEvents.ExportRequested)
        {
            var request = envelope.Data.Deserialize<ExportRequestedData>(Json)!;
            await ExportAsync(request, transaction, cancellationToken);
        }
        else if (envelope.Type == PersonalDataEvents.ErasureRequested)
        {
            var request = envelope.Data.Deserialize<ErasureRequestedData>(Json)!;
            await EraseAsync(request.UserId, transaction, cancellationToken);
        }
        else if (envelope.PartnerId is null && envelope.OrganizationId is null)
        {
            var erased = envelope.Data.Deserialize<LearnerErasedData>(Json)!;
            await EraseAsync(erased.LearnerId, transaction, cancellationToken);
        }
    }

    private async Task ExportAsync(ExportRequestedData request, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var account = await RowsAsync(transaction, """
            SELECT id, email, display_name AS "displayName", email_confirmed AS "emailConfirmed", two_factor_enabled AS "twoFactorEnabled", created_at AS "createdAt"
            FROM identity.users WHERE id = $1
            """, request.UserId, cancellationToken);
        var memberships = await RowsAsync(transaction, """
            SELECT t.name AS tenant, t.kind, m.role, m.created_at AS "since"
            FROM identity.memberships m JOIN identity.tenants t ON t.id = m.tenant_id WHERE m.user_id = $1 ORDER BY m.created_at
            """, request.UserId, cancellationToken);
        // The address of a row is the actor's: where the person was only the subject (an administrator invited them or
        // changed their role), it is someone else's and stays out of their export.
        var securityEvents = await RowsAsync(transaction, """
            SELECT occurred_at AS "occurredAt", type, detail, CASE WHEN actor_user_id = $1 THEN ip_address END AS "ipAddress"
            FROM identity.audit_log WHERE actor_user_id = $1 OR subject_user_id = $1 ORDER BY id
            """, request.UserId, cancellationToken);
        var part = new ExportPart
        {
            ExportId = request.ExportId,
            UserId = request.UserId,
            Service = Service,
            Data = JsonSerializer.SerializeToElement(new { account = account.FirstOrDefault(), memberships, securityEvents }, Json),
        };

        // The part goes to the drop box first: the announcement commits with the inbox row, so a redelivery writes
        // the same document again and announces once.
        await _dropBox.PutAsync(PersonalDataEvents.PartId(request.ExportId, Service), part, cancellationToken);
        await transaction.PublishAsync(IdentityServiceDbContext.Schema, EventEnvelope.Create(PersonalDataEvents.ExportPart, Service,
            request.UserId.ToString(), new ExportPartData(request.ExportId, request.UserId, Service), clock.GetUtcNow().UtcDateTime), cancellationToken);
    }

    private async Task EraseAsync(Guid userId, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var pseudonym = $"erased-{userId:N}@erased.invalid";
        string? email;
        await using (var read = new NpgsqlCommand("SELECT email FROM identity.users WHERE id = $1", transaction.Connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = userId });
            email = await read.ExecuteScalarAsync(cancellationToken) as string;
        }

        await ExecuteAsync(transaction, "SET LOCAL identity.erasure = 'on'", null, cancellationToken);
        await ExecuteAsync(transaction, """
            UPDATE identity.audit_log SET detail = NULL, ip_address = NULL WHERE actor_user_id = $1 OR subject_user_id = $1
            """, userId, cancellationToken);
        await ExecuteAsync(transaction, $"""
            UPDATE identity.users SET email = '{pseudonym}', normalized_email = upper('{pseudonym}'), user_name = '{pseudonym}',
                normalized_user_name = upper('{pseudonym}'), display_name = 'Erased user', email_confirmed = false, password_hash = NULL,
                security_stamp = gen_random_uuid()::text, phone_number = NULL, two_factor_enabled = false, lockout_enabled = true,
                lockout_end = 'infinity'
            WHERE id = $1
            """, userId, cancellationToken);
        foreach (var table in new[] { "user_tokens", "user_claims", "user_logins", "memberships" })
        {
            await ExecuteAsync(transaction, $"DELETE FROM identity.{table} WHERE user_id = $1", userId, cancellationToken);
        }

        // Every token and sign-in of the person ends with the account.
        await ExecuteAsync(transaction, "DELETE FROM identity.oidc_tokens WHERE subject = $1::text", userId, cancellationToken);
        await ExecuteAsync(transaction, "DELETE FROM identity.oidc_authorizations WHERE subject = $1::text", userId, cancellationToken);
        await ExecuteAsync(transaction, """
            INSERT INTO identity.audit_log (id, occurred_at, type, subject_user_id) VALUES (gen_random_uuid(), now(), $2, $1)
            """, userId, cancellationToken, AuditEvents.AccountErased);
        await _dropBox.DeleteManyAsync(DocumentFilter.Eq("userId", userId), cancellationToken);

        // Others may hold the email without the user id (invitations): they learn which one, as a hash, once.
        if (email is not null && email != pseudonym)
        {
            await transaction.PublishAsync(IdentityServiceDbContext.Schema, EventEnvelope.Create(PersonalDataEvents.AccountErased, Service, userId.ToString(),
                new AccountErasedData(userId, AccountErasedData.Hash(email)), clock.GetUtcNow().UtcDateTime), cancellationToken);
        }

        LogErased(logger, userId);
    }

    private static async Task ExecuteAsync(NpgsqlTransaction transaction, string sql, Guid? userId, CancellationToken cancellationToken, string? text = null)
    {
        await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        if (userId is { } id)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
        }

        if (text is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = text });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rows as JSON objects (PostgreSQL builds them), ready to go into the export as they are.</summary>
    private static async Task<List<JsonElement>> RowsAsync(NpgsqlTransaction transaction, string sql, Guid userId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT row_to_json(r)::text FROM ({sql}) r", transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        var rows = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }

        return rows;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased the account of user {UserId}")]
    private static partial void LogErased(ILogger logger, Guid userId);
}
