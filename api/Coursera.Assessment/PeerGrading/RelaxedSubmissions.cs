using Coursera.Assessment.Data;
using Coursera.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Assessment.PeerGrading;

/// <summary>
/// Grades peer-graded work whose relax time has passed with the reviews it has, without waiting for a reviewer to come
/// by: no one waits forever for reviews that are not coming. Work with no review at all stays in the staff queue.
/// </summary>
public sealed partial class RelaxedSubmissions(IDbContextFactory<AssessmentDbContext> contexts, PeerReviewing reviewing, TimeProvider clock,
    IOptions<AssessmentOptions> options, ILogger<RelaxedSubmissions> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.Database.SqlQuery<Guid>($"""
                SELECT a.id AS "Value" FROM assessment.attempts a JOIN assessment.versions v ON v.id = a.version_id
                WHERE a.state = 'InReview'
                  AND a.submitted_at + make_interval(secs => (v.peer_review ->> 'relaxAfterHours')::float8 * 3600) <= {now}
                  AND EXISTS (SELECT 1 FROM assessment.peer_reviews r WHERE r.attempt_id = a.id AND r.state = 'Completed')
                ORDER BY a.submitted_at
                LIMIT 100
                """).ToListAsync(ct);
            foreach (var id in due)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await reviewing.SettleAsync(db, [id], now, ct);
                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
            }

            if (due.Count > 0)
            {
                LogGraded(logger, due.Count);
            }

            return due.Count == 100;
        }, options.Value.PeerReviewSweep, e => LogFailed(logger, e), stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graded {Count} peer-reviewed submissions past their relax time")]
    private static partial void LogGraded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grading peer-reviewed submissions past their relax time failed; tried again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
