using System.Text.Json;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Learner.Data;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Learner.Licences;

/// <summary>Keeps billing's licences (<c>licence.updated</c>, the whole licence each time), the later change winning.</summary>
public sealed class LicenceFollower(ServiceStore<LearnerDbContext> store) : IEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type == "licence.updated";

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var data = envelope.Data.Deserialize<LicenceData>(Json) ?? throw new JsonException($"Event {envelope.Id} has no licence data.");
        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        var licence = await db.Licences.SingleOrDefaultAsync(l => l.Id == data.LicenceId, cancellationToken);
        if (licence is null)
        {
            licence = new Licence { Id = data.LicenceId, OrganizationId = data.OrganizationId };
            db.Licences.Add(licence);
        }
        else if (licence.UpdatedAt >= data.UpdatedAt)
        {
            return;
        }

        licence.OrganizationId = data.OrganizationId;
        licence.Seats = data.Seats;
        licence.StartsAt = data.StartsAt;
        licence.EndsAt = data.EndsAt;
        licence.ProgramIds = [.. data.ProgramIds];
        licence.UpdatedAt = data.UpdatedAt;
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record LicenceData(Guid LicenceId, Guid OrganizationId, int Seats, DateTime StartsAt, DateTime EndsAt, IReadOnlyList<Guid> ProgramIds,
        DateTime UpdatedAt);
}
