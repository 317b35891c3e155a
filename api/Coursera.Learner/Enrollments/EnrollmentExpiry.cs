using Coursera.Events;
using Coursera.Events.Outbox;
using Coursera.Learner.Data;
using Coursera.Learner.LearningRecords;
using Coursera.Learner.Model;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Learner.Enrollments;

/// <summary>
/// Marks EXPIRED the active enrollments whose session has ended (by the outline's session dates), every few minutes
/// in every instance: one statement that only moves ACTIVE rows, so instances running it at once expire each
/// enrollment once. An expired learner may enroll again in a later session.
/// </summary>
public sealed partial class EnrollmentExpiry(IDbContextFactory<LearnerDbContext> contexts, LearningRecordLog records, TimeProvider clock,
    ILogger<EnrollmentExpiry> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Expires what is due at <paramref name="now"/>, with an <c>enrollment.expired</c> event for each (other services
    /// stop what the enrollment allowed: attempts at its assessments) and, for an ENTERPRISE one, its organization's
    /// learning record, in one transaction; returns how many.
    /// </summary>
    public async Task<int> ExpireDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var expired = await db.Enrollments.FromSql($"""
            UPDATE learner.enrollments e SET state = 'Expired'
            FROM learner.course_outlines o
            WHERE e.state = 'Active' AND o.course_id = e.course_id
              AND EXISTS (SELECT 1 FROM jsonb_array_elements(o.sessions) s
                          WHERE (s->>'id')::uuid = e.session_id AND (s->>'endsAt')::timestamptz < {now})
            RETURNING e.*
            """).AsNoTracking().ToListAsync(cancellationToken);
        foreach (var enrollment in expired)
        {
            db.Publish(LearnerEvents.For(LearnerEvents.EnrollmentExpired, enrollment, now));
        }

        await records.SaveAsync(db, expired.Select(e => LearningRecord.Of(e, LearningRecordKind.Enrollment, now)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return expired.Count;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(async ct =>
        {
            var expired = await ExpireDueAsync(clock.GetUtcNow().UtcDateTime, ct);
            if (expired > 0)
            {
                LogExpired(logger, expired);
            }

            return false; // then wait: sessions end by the day, not by the millisecond
        }, Every, e => LogFailed(logger, e), stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} enrollments expired with their session")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiring enrollments failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
