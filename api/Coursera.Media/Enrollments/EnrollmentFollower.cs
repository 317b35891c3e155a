using System.Text.Json;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Media.Data;
using Coursera.Media.Model;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Media.Enrollments;

/// <summary>
/// Keeps learners' enrollments from the learner service's events: an active or completed one lets them watch the
/// course's lectures. An older event never overwrites what a newer one said.
/// </summary>
public sealed class EnrollmentFollower(ServiceStore<MediaDbContext> store) : IEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type is "enrollment.created" or "enrollment.withdrawn" or "enrollment.completed" or "enrollment.expired";

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var data = envelope.Data.Deserialize<EnrollmentData>(Json) ?? throw new JsonException($"Event {envelope.Id} has no enrollment data.");
        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.Id == data.EnrollmentId, cancellationToken);
        if (enrollment is null)
        {
            db.Enrollments.Add(new ViewerEnrollment
            {
                Id = data.EnrollmentId, LearnerId = data.LearnerId, CourseId = data.CourseId, State = data.State, Version = envelope.OccurredAt,
            });
        }
        else if (enrollment.Version <= envelope.OccurredAt)
        {
            enrollment.State = data.State;
            enrollment.Version = envelope.OccurredAt;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record EnrollmentData(Guid EnrollmentId, Guid LearnerId, Guid CourseId, string State);
}
