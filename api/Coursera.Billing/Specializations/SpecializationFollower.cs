using System.Text.Json;
using Coursera.Billing.Data;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Billing.Specializations;

/// <summary>Keeps each specialization's courses, from the catalog's <c>specialization.created</c>: what its subscription entitles to.</summary>
public sealed class SpecializationFollower(ServiceStore<BillingDbContext> store) : IEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type == "specialization.created";

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var data = envelope.Data.Deserialize<SpecializationData>(Json) ?? throw new JsonException($"Event {envelope.Id} has no specialization data.");
        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        for (var position = 0; position < data.CourseIds.Count; position++)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO billing.specialization_courses (specialization_id, course_id, partner_id, position)
                VALUES ({data.SpecializationId}, {data.CourseIds[position]}, {data.PartnerId}, {position})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
        }
    }

    private sealed record SpecializationData(Guid SpecializationId, Guid PartnerId, IReadOnlyList<Guid> CourseIds);
}
