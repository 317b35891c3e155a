using Coursera.Events.Outbox;
using Coursera.Learner.Data;
using Coursera.Learner.LearningRecords;
using Coursera.Learner.Licences;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Learner.Programs;

/// <summary>
/// Bulk enrollment of an organization's learners in its program's courses, on the ENTERPRISE track: accepted at
/// once as a job (the same idempotency key returns the same job), run in the background, with a result per row.
/// Good rows are enrolled whatever the bad ones say.
/// </summary>
public sealed class BulkEnrollment(IDbContextFactory<LearnerDbContext> contexts, LearningRecordLog records, TimeProvider clock)
{
    public const int MaxRows = 10_000;
    private const int Chunk = 500;

    public async Task<MutationPayload<BulkEnrollmentJob>> SubmitAsync(BulkEnrollInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var program = await ProgramAdministration.FindManagedAsync(db, input.ProgramId, caller, cancellationToken);
        if (program is null)
        {
            return MutationPayload<BulkEnrollmentJob>.Refused(UserError.For("PROGRAM_NOT_FOUND", "There is no program with this id.", "programId"));
        }

        var key = input.IdempotencyKey.Trim();
        if (key.Length is 0 or > 200)
        {
            return MutationPayload<BulkEnrollmentJob>.Refused(UserError.For("INVALID_IDEMPOTENCY_KEY", "Give a key of 1 to 200 characters.", "idempotencyKey"));
        }

        if (await db.BulkJobs.AsNoTracking().SingleOrDefaultAsync(j => j.OrganizationId == program.OrganizationId && j.IdempotencyKey == key, cancellationToken)
            is { } earlier)
        {
            return MutationPayload<BulkEnrollmentJob>.Changed(earlier);
        }

        if (input.Rows.Count is 0 or > MaxRows)
        {
            return MutationPayload<BulkEnrollmentJob>.Refused(UserError.For("INVALID_ROWS", $"Give 1 to {MaxRows:N0} rows.", "rows"));
        }

        var job = new BulkEnrollmentJob
        {
            OrganizationId = program.OrganizationId,
            ProgramId = program.Id,
            IdempotencyKey = key,
            Total = input.Rows.Count,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.BulkJobs.Add(job);
        db.BulkRows.AddRange(input.Rows.Select((row, i) => new BulkEnrollmentRow
        {
            JobId = job.Id,
            RowNumber = i + 1,
            LearnerId = Truncate(row.LearnerId, 100),
            ExternalId = Truncate(row.ExternalId, 200),
            CourseId = Truncate(row.CourseId, 100),
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same key sent twice at once: the other request's job is the one.
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return MutationPayload<BulkEnrollmentJob>.Changed(await again.BulkJobs.AsNoTracking()
                .SingleAsync(j => j.OrganizationId == program.OrganizationId && j.IdempotencyKey == key, cancellationToken));
        }

        return MutationPayload<BulkEnrollmentJob>.Changed(job);
    }

    /// <summary>Runs the oldest queued job, if any (several runners never take the same one); returns whether it ran one.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var claim = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await db.BulkJobs.FromSql($"""
            SELECT * FROM learner.bulk_enrollment_jobs WHERE state = 'QUEUED' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED
            """).SingleOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return false;
        }

        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == job.ProgramId, cancellationToken);
        // Rows name people only among the program's joined members, by user id or external id: anyone else (an account
        // that never accepted, a made-up id) is a row error, never an enrollment the organization pays for and hears about.
        var joined = await db.ProgramMemberships.AsNoTracking().Where(m => m.ProgramId == program.Id && m.UserId != null && m.JoinedAt != null)
            .Select(m => new { m.ExternalId, UserId = m.UserId!.Value }).ToListAsync(cancellationToken);
        var members = joined.Where(m => m.ExternalId != null).ToDictionary(m => m.ExternalId!, m => m.UserId);
        var memberIds = joined.Select(m => m.UserId).ToHashSet();
        var outlines = await db.Outlines.AsNoTracking().Where(o => program.CourseIds.Contains(o.CourseId)).ToDictionaryAsync(o => o.CourseId, cancellationToken);
        var rows = await db.BulkRows.Where(r => r.JobId == job.Id && r.Status == "PENDING").OrderBy(r => r.RowNumber).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await EnrollmentsAsync(db, program.CourseIds, null, cancellationToken);

        // Prerequisites count while they are public (see Registrar); who completed them, among this job's learners.
        var prerequisiteIds = outlines.Values.SelectMany(o => o.PrerequisiteIds).Distinct().ToList();
        var enforced = (await db.Outlines.Where(o => prerequisiteIds.Contains(o.CourseId) && o.Status == CourseOutline.Published)
            .Select(o => o.CourseId).ToListAsync(cancellationToken)).ToHashSet();
        var learnerIds = memberIds.ToList();
        var completed = enforced.Count == 0 ? [] : await EnrollmentsAsync(db, [.. enforced], learnerIds, cancellationToken, EnrollmentState.Completed);

        var enrolled = new List<Enrollment>();
        foreach (var chunk in rows.Chunk(Chunk))
        {
            foreach (var row in chunk)
            {
                if (await DecideAsync(row, job, program, (members, memberIds), outlines, current, enforced, completed, now, db, cancellationToken) is { } enrollment)
                {
                    enrolled.Add(enrollment);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // Every row of the job was pending (a run commits whole or not at all), so these are all of them.
        job.Succeeded = rows.Count(r => r.Status is "ENROLLED" or "ALREADY_ENROLLED");
        job.Failed = rows.Count(r => r.Status == "FAILED");
        job.State = BulkEnrollmentJob.Done;
        job.FinishedAt = clock.GetUtcNow().UtcDateTime;

        // The organization's learning records last, just before the commit: its lock is held for no longer than that.
        await records.SaveAsync(db, enrolled.Select(e => LearningRecord.Of(e, LearningRecordKind.Enrollment, now, progress: 0)), cancellationToken);
        await claim.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Decides a row: enrolls its learner (returning the enrollment), or says why not.</summary>
    private static async Task<Enrollment?> DecideAsync(BulkEnrollmentRow row, BulkEnrollmentJob job, EnterpriseProgram program,
        (Dictionary<string, Guid> ByExternalId, HashSet<Guid> Ids) members,
        Dictionary<Guid, CourseOutline> outlines, HashSet<(Guid, Guid)> current, HashSet<Guid> enforced, HashSet<(Guid, Guid)> completed, DateTime now,
        LearnerDbContext db, CancellationToken cancellationToken)
    {
        Guid? learnerId = row.LearnerId is not null ? Guid.TryParse(row.LearnerId, out var id) && members.Ids.Contains(id) ? id : null
            : row.ExternalId is not null && members.ByExternalId.TryGetValue(row.ExternalId, out var member) ? member : null;
        if (learnerId is null)
        {
            Fail(row, "LEARNER_NOT_FOUND", row.LearnerId is not null
                ? "No member of the program has this user id (or they have not accepted the invitation)."
                : "No member of the program has this external id (or they have not joined).");
            return null;
        }

        if (!Guid.TryParse(row.CourseId, out var courseId) || !program.CourseIds.Contains(courseId))
        {
            Fail(row, "COURSE_NOT_IN_PROGRAM", "The course is not one of the program's.");
            return null;
        }

        var session = outlines.GetValueOrDefault(courseId) is { IsOpen: true } outline
            ? outline.Sessions.Where(s => s.IsEnrollmentOpen(now)).OrderBy(s => s.StartsAt).FirstOrDefault()
            : null;
        if (session is null)
        {
            Fail(row, "ENROLLMENT_CLOSED", "The course has no session open for enrollment.");
            return null;
        }

        if (current.Contains((learnerId.Value, courseId)))
        {
            row.Status = "ALREADY_ENROLLED";
            return null;
        }

        if (outlines[courseId].PrerequisiteIds.Any(p => enforced.Contains(p) && !completed.Contains((learnerId.Value, p))))
        {
            Fail(row, "PREREQUISITES_NOT_MET", "The learner has not completed the course's prerequisites.");
            return null;
        }

        // The rows beyond the licence's seats fail; the learners already holding one take none.
        switch (await Seats.TakeAsync(db, program.OrganizationId, [program.Id], learnerId.Value, now, cancellationToken))
        {
            case SeatClaim.NoLicence:
                Fail(row, "NO_LICENCE", "The organization holds no current licence for this program.");
                return null;
            case SeatClaim.NoSeatAvailable:
                Fail(row, "NO_SEAT_AVAILABLE", "Every seat of the organization's licence is taken.");
                return null;
        }

        current.Add((learnerId.Value, courseId));

        var enrollment = new Enrollment
        {
            LearnerId = learnerId.Value,
            LearnerName = "",
            CourseId = courseId,
            PartnerId = outlines[courseId].PartnerId,
            SessionId = session.Id,
            Track = EnrollmentTrack.Enterprise,
            OrganizationId = job.OrganizationId,
            EnrolledAt = now,
        };
        db.Enrollments.Add(enrollment);
        db.Publish(LearnerEvents.For(LearnerEvents.EnrollmentCreated, enrollment, now));
        row.Status = "ENROLLED";
        row.EnrollmentId = enrollment.Id;
        return enrollment;
    }

    /// <summary>(learner, course) of the enrollments in these courses, of these learners (all when null), in these states (current ones when none given).</summary>
    private static async Task<HashSet<(Guid, Guid)>> EnrollmentsAsync(LearnerDbContext db, List<Guid> courseIds, List<Guid>? learnerIds,
        CancellationToken cancellationToken, params EnrollmentState[] states)
    {
        states = states.Length > 0 ? states : [EnrollmentState.Active, EnrollmentState.Completed];
        var query = db.Enrollments.AsNoTracking().Where(e => courseIds.Contains(e.CourseId) && states.Contains(e.State));
        if (learnerIds is not null)
        {
            query = query.Where(e => learnerIds.Contains(e.LearnerId));
        }

        var pairs = await query.Select(e => new { e.LearnerId, e.CourseId }).ToListAsync(cancellationToken);
        return [.. pairs.Select(p => (p.LearnerId, p.CourseId))];
    }

    private static void Fail(BulkEnrollmentRow row, string code, string message)
    {
        row.Status = "FAILED";
        row.ErrorCode = code;
        row.Message = message;
    }

    private static string? Truncate(string? value, int length) => value is null ? null : value.Length <= length ? value.Trim() : value[..length];

    /// <summary>A bulk enrollment job of an organization the caller manages; null otherwise.</summary>
    public async Task<BulkEnrollmentJob?> FindJobAsync(string rawId, Caller caller, CancellationToken cancellationToken)
    {
        var id = Ids.Parse(rawId, "id");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.BulkJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        return job is not null && ProgramAccess.CanManage(caller, job.OrganizationId) ? job : null;
    }
}
