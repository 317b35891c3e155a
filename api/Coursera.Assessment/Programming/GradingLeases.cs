using System.Security.Cryptography;
using System.Text;
using Coursera.Assessment.Attempts;
using Coursera.Assessment.Data;
using Coursera.Assessment.Gradebook;
using Coursera.Assessment.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Assessment.Programming;

/// <summary>
/// The grading queue of programming submissions, handed out by lease. A worker leases the oldest job it may take (rows locked with
/// SKIP LOCKED, so workers never wait on each other), runs the grader, and posts the score with the lease's token; a
/// lease that runs out lets another worker take the job, and after <see cref="AssessmentOptions.GradingTries"/>
/// leases the submission is set aside (GradingFailed: it does not count as an attempt).
/// </summary>
public sealed class GradingLeases(IDbContextFactory<AssessmentDbContext> contexts, Proctor proctor, IOptions<AssessmentOptions> options, TimeProvider clock)
{
    public const string JobNotFound = "JOB_NOT_FOUND";
    public const string LeaseLost = "LEASE_LOST";
    public const string InvalidResult = "INVALID_RESULT";
    public const string InvalidLease = "INVALID_LEASE";

    /// <summary>Puts a submission just made (tracked by <paramref name="db"/>, saved by the caller) in the queue.</summary>
    public static void Enqueue(AssessmentDbContext db, Attempt attempt, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attempt);
        db.GradingJobs.Add(new GradingJob
        {
            AttemptId = attempt.Id,
            AssessmentId = attempt.AssessmentId,
            PartnerId = attempt.PartnerId,
            State = GradingJobState.Queued,
            AvailableAt = now,
            CreatedAt = now,
        });
    }

    public async Task<MutationPayload<GradingJobView>> LeaseAsync(LeaseGradingJobInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        var partners = GradingWorkers.Ensure(caller);
        if (input.LeaseSeconds is < 10 or > 3600)
        {
            return MutationPayload<GradingJobView>.Refused(UserError.For(InvalidLease, "Lease a job for 10 to 3600 seconds.", "leaseSeconds"));
        }

        var all = partners is null;
        var mine = partners?.ToArray() ?? [];
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var job = await db.GradingJobs.FromSql($"""
                SELECT * FROM assessment.grading_jobs
                WHERE state IN ('Queued', 'Leased') AND available_at <= {now} AND (state = 'Queued' OR lease_expires_at < {now})
                  AND ({all} OR partner_id = ANY({mine}))
                ORDER BY available_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """).SingleOrDefaultAsync(cancellationToken);
            if (job is null)
            {
                return new MutationPayload<GradingJobView>(null, []);
            }

            var attempt = await db.Attempts.SingleAsync(a => a.Id == job.AttemptId, cancellationToken);
            if (job.Tries >= options.Value.GradingTries)
            {
                // Every lease so far was lost (workers crashing on it): the submission is set aside, and the next job is looked at.
                job.State = GradingJobState.Failed;
                job.LastError ??= "Every lease ran out before a result came back.";
                job.CompletedAt = now;
                attempt.State = AttemptState.GradingFailed;
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                continue;
            }

            var grader = await GraderOfAsync(db, attempt.Id, cancellationToken);
            job.State = GradingJobState.Leased;
            job.Tries++;
            job.LeaseToken = RandomNumberGenerator.GetHexString(32, lowercase: true);
            job.LeasedBy = caller.ClientId;
            job.LeaseExpiresAt = now.AddSeconds(Math.Max(input.LeaseSeconds ?? 300, grader.TimeLimitSeconds + 60));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var content = await proctor.Contents.GetAsync(attempt.Id.ToString(), cancellationToken)
                ?? throw new InvalidOperationException($"Attempt {attempt.Id} has no content.");
            return MutationPayload<GradingJobView>.Changed(new GradingJobView(job, grader, content.Files));
        }
    }

    public async Task<MutationPayload<GradingJobView>> CompleteAsync(CompleteGradingJobInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var partners = GradingWorkers.Ensure(caller);
        if (!(input.FractionalScore is >= 0 and <= 1) || input.Feedback.Length > 10_000)
        {
            return MutationPayload<GradingJobView>.Refused(UserError.For(InvalidResult, "A score from 0 to 1 and feedback of at most 10000 characters.",
                input.FractionalScore is >= 0 and <= 1 ? "feedback" : "fractionalScore"));
        }

        var id = Ids.Parse(input.JobId, "input.jobId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assessmentId = await db.GradingJobs.Where(j => j.Id == id).Select(j => (Guid?)j.AssessmentId).SingleOrDefaultAsync(cancellationToken);
        if (assessmentId is null)
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // As a quiz submit: grading shares the assessment with other gradings, never with a change of its grades.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared(hashtextextended({assessmentId.Value.ToString()}, 0))", cancellationToken);
        var job = await db.GradingJobs.FromSql($"SELECT * FROM assessment.grading_jobs WHERE id = {id} FOR UPDATE").SingleAsync(cancellationToken);
        if (partners is not null && !partners.Contains(job.PartnerId))
        {
            return NotFound();
        }

        if (!HoldsLease(job, input.LeaseToken))
        {
            return LostLease();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var attempt = await db.Attempts.FromSql($"SELECT * FROM assessment.attempts WHERE id = {job.AttemptId} FOR UPDATE").SingleAsync(cancellationToken);
        var versions = await db.Versions.AsNoTracking().Where(v => v.AssessmentId == attempt.AssessmentId).ToListAsync(cancellationToken);
        var current = AssessmentVersion.NewestPublished(versions)!;
        job.State = GradingJobState.Done;
        job.CompletedAt = now;
        job.LeaseToken = null;
        attempt.Feedback = input.Feedback;
        await ItemGrades.GradeAsync(db, attempt, input.FractionalScore, current.Policy, current.Policy, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<GradingJobView>.Changed(new GradingJobView(job, versions.Single(v => v.Id == attempt.VersionId).Grader!, []));
    }

    public async Task<MutationPayload<GradingJobView>> FailAsync(FailGradingJobInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var partners = GradingWorkers.Ensure(caller);
        var id = Ids.Parse(input.JobId, "input.jobId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await db.GradingJobs.FromSql($"SELECT * FROM assessment.grading_jobs WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (job is null || (partners is not null && !partners.Contains(job.PartnerId)))
        {
            return NotFound();
        }

        if (!HoldsLease(job, input.LeaseToken))
        {
            return LostLease();
        }

        // Back in the queue after a pause that grows with each failure: a worker's trouble (a full disk) often passes.
        var now = clock.GetUtcNow().UtcDateTime;
        job.State = GradingJobState.Queued;
        job.LeaseToken = null;
        job.LeaseExpiresAt = null;
        job.LastError = input.Error.Length > 2000 ? input.Error[..2000] : input.Error;
        job.AvailableAt = now + options.Value.GradingRetryDelay * job.Tries;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<GradingJobView>.Changed(new GradingJobView(job, await GraderOfAsync(db, job.AttemptId, cancellationToken), []));
    }

    /// <summary>The grader of the version the submission was made with (a later version's grader is for later submissions).</summary>
    private static async Task<ProgrammingGrader> GraderOfAsync(AssessmentDbContext db, Guid attemptId, CancellationToken cancellationToken) =>
        (await db.Versions.AsNoTracking().Where(v => db.Attempts.Any(a => a.Id == attemptId && a.VersionId == v.Id)).Select(v => v.Grader)
            .SingleAsync(cancellationToken))!;

    private static bool HoldsLease(GradingJob job, string token) =>
        job.State == GradingJobState.Leased && job.LeaseToken is { } leased
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(leased), Encoding.UTF8.GetBytes(token ?? ""));

    private static MutationPayload<GradingJobView> NotFound() =>
        MutationPayload<GradingJobView>.Refused(UserError.For(JobNotFound, "No grading job you may take has this id.", "jobId"));

    private static MutationPayload<GradingJobView> LostLease() =>
        MutationPayload<GradingJobView>.Refused(UserError.For(LeaseLost, "The job is no longer leased to you: another worker has it, or it is done.", "leaseToken"));
}
