using Coursera.Documents;
using Coursera.Events;
using Coursera.Events.PersonalData;
using Coursera.Identity.PersonalData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Coursera.Identity.Tests;

/// <summary>
/// A person's export of their security events (review F11): the IP address of an event is theirs only where they acted;
/// where an administrator acted on them (invited them, changed their role), the administrator's address stays out.
/// </summary>
public sealed class SecurityEventExportTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task The_export_shows_ip_addresses_only_of_what_the_person_did_themselves()
    {
        var person = await NewLearner.CreateAsync(platform.Services);
        var administrator = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(platform.ConnectionString);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO identity.audit_log (id, occurred_at, type, actor_user_id, subject_user_id, ip_address)
            VALUES (gen_random_uuid(), now(), 'role.assigned', $2, $1, '203.0.113.77'), (gen_random_uuid(), now(), 'sign_in.succeeded', $1, NULL, '198.51.100.5')
            """, connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = person.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = administrator });
            await insert.ExecuteNonQueryAsync();
        }

        var documents = platform.Services.GetRequiredService<IDocumentStore>();
        var responder = new PersonalDataResponder(documents, TimeProvider.System, NullLogger<PersonalDataResponder>.Instance);
        var exportId = Guid.NewGuid();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await responder.HandleAsync(EventEnvelope.Create(PersonalDataEvents.ExportRequested, "learner", person.Id.ToString(),
                new ExportRequestedData(exportId, person.Id), DateTime.UtcNow), transaction, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var part = await documents.Collection<ExportPart>(PersonalDataEvents.DropBoxOwner, PersonalDataEvents.DropBoxCollection)
            .GetAsync(PersonalDataEvents.PartId(exportId, PersonalDataResponder.Service));
        var events = part!.Data.GetProperty("securityEvents").EnumerateArray().ToList();
        var assigned = events.Single(e => e.GetProperty("type").GetString() == "role.assigned");
        var signedIn = events.Single(e => e.GetProperty("type").GetString() == "sign_in.succeeded");
        Assert.DoesNotContain("203.0.113.77", part.Data.GetRawText(), StringComparison.Ordinal);
        Assert.True(!assigned.TryGetProperty("ipAddress", out var hidden) || hidden.ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Equal("198.51.100.5", signedIn.GetProperty("ipAddress").GetString());
    }
}
