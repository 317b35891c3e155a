using System.Text.Json;
using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Assessment.Enrollments;

/// <summary>
/// Keeps learners' enrollments from the learner service's events: an attempt needs an active (or completed)
/// enrollment in the item's course. An older event never overwrites what a newer one said.
/// </summary>
public sealed class EnrollmentFollower(ServiceStore<AssessmentDbContext> store) : IEventHandler
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
            db.Enrollments.Add(new LearnerEnrollment
            {
                Id = data.EnrollmentId,
                LearnerId = data.LearnerId,
                CourseId = data.CourseId,
                PartnerId = data.PartnerId,
                OrganizationId = data.OrganizationId,
                State = data.State,
                Version = envelope.OccurredAt,
                EnrolledAt = envelope.OccurredAt,
                ScheduleStartsAt = envelope.OccurredAt,
            });
        }
        else if (envelope.Type == "enrollment.created" && enrollment.ScheduleResets == 0 && envelope.OccurredAt < enrollment.EnrolledAt)
        {
            // The creation arrived after a later event: the schedule starts at the enrollment, not at that event.
            enrollment.EnrolledAt = envelope.OccurredAt;
            enrollment.ScheduleStartsAt = envelope.OccurredAt;
        }

        if (enrollment is not null && enrollment.Version <= envelope.OccurredAt)
        {
            enrollment.State = data.State;
            enrollment.Version = envelope.OccurredAt;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record EnrollmentData(Guid EnrollmentId, Guid LearnerId, Guid CourseId, Guid PartnerId, Guid? OrganizationId, string State);
}
