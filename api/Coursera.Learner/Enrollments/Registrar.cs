using Coursera.Events.Outbox;
using Coursera.Learner.Data;
using Coursera.Learner.LearningRecords;
using Coursera.Learner.Licences;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Learner.Enrollments;

/// <summary>
/// Enrolls, withdraws and moves learners between sessions under the rules: the course is public, the session's
/// enrollment window is open, one current enrollment per course (enforced by a unique index as well), PAID needs an
/// unused entitlement, ENTERPRISE a program of the learner's organization with the course and a seat of its licence. Every change writes its event,
/// and for an ENTERPRISE enrollment its organization's learning record, in the same transaction.
/// </summary>
public sealed class Registrar(IDbContextFactory<LearnerDbContext> contexts, LearningRecordLog records, TimeProvider clock)
{
    public async Task<MutationPayload<Enrollment>> EnrollAsync(EnrollInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = LearnerCallers.Enrolling(caller);
        var courseId = Ids.Parse(input.CourseId, "input.courseId");
        var sessionId = Ids.Parse(input.SessionId, "input.sessionId");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await LearnerCallers.EnsureNotErasedAsync(db, learnerId, cancellationToken);
        var outline = await db.Outlines.AsNoTracking().SingleOrDefaultAsync(o => o.CourseId == courseId, cancellationToken);
        if (outline is null || !outline.IsOpen)
        {
            return Refuse("COURSE_NOT_FOUND", "There is no public course with this id.", "courseId");
        }

        var session = outline.Sessions.SingleOrDefault(s => s.Id == sessionId);
        if (session is null)
        {
            return Refuse("SESSION_NOT_FOUND", "The course has no session with this id.", "sessionId");
        }

        if (!session.IsEnrollmentOpen(now))
        {
            return Refuse("ENROLLMENT_CLOSED", $"Enrollment in this session is open from {session.EnrollmentOpensAt:u} to {session.EnrollmentClosesAt:u}.", "sessionId");
        }

        if (await db.Enrollments.AnyAsync(e => e.LearnerId == learnerId && e.CourseId == courseId
                && (e.State == EnrollmentState.Active || e.State == EnrollmentState.Completed), cancellationToken))
        {
            return Refuse("ALREADY_ENROLLED", "You are already enrolled in this course.", "courseId");
        }

        if (await MissingPrerequisitesAsync(db, learnerId, outline, cancellationToken) is { Count: > 0 } missing)
        {
            return Refuse("PREREQUISITES_NOT_MET", $"Complete {string.Join(", ", missing.Select(t => $"'{t}'"))} before enrolling in this course.", "courseId");
        }

        Guid? organizationId = null;
        Entitlement? entitlement = null;
        Guid? catalogEntitlement = null;

        // An ENTERPRISE enrollment takes a licence seat in the transaction that stores it: a refusal or a lost race gives it
        // back. The other tracks write one row and need none.
        await using var transaction = input.Track == EnrollmentTrack.Enterprise ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        switch (input.Track)
        {
            case EnrollmentTrack.Paid:
                entitlement = await db.Entitlements.FirstOrDefaultAsync(e => e.LearnerId == learnerId && e.CourseId == courseId && e.EnrollmentId == null && e.RevokedAt == null,
                    cancellationToken);
                // Coursera Plus pays for any course while it lasts, without being used up.
                catalogEntitlement = entitlement is null
                    ? await db.Entitlements.Where(e => e.LearnerId == learnerId && e.CourseId == null && e.RevokedAt == null).Select(e => (Guid?)e.Id)
                        .FirstOrDefaultAsync(cancellationToken)
                    : null;
                if (entitlement is null && catalogEntitlement is null)
                {
                    return Refuse("ENTITLEMENT_REQUIRED", "The PAID track needs a purchase of this course.", "track");
                }

                break;
            case EnrollmentTrack.Enterprise:
                if (caller.Organizations.Count == 0)
                {
                    return Refuse("NOT_IN_AN_ORGANIZATION", "The ENTERPRISE track is for learners of an organization.", "track");
                }

                // Only a course of a program of the learner's organization that they joined: the organization pays for it.
                var organizations = caller.Organizations.ToList();
                var programs = await db.ProgramMemberships.AsNoTracking()
                    .Where(m => m.UserId == learnerId && m.JoinedAt != null && organizations.Contains(m.OrganizationId))
                    .Join(db.Programs.Where(p => p.CourseIds.Contains(courseId)), m => m.ProgramId, p => p.Id, (m, p) => new { p.Id, p.OrganizationId })
                    .OrderBy(p => p.OrganizationId).ToListAsync(cancellationToken);
                if (programs.Count == 0)
                {
                    return Refuse("NOT_IN_A_PROGRAM", "The ENTERPRISE track is for courses of your organization's programs that you have joined.", "track");
                }

                organizationId = programs[0].OrganizationId;
                switch (await Seats.TakeAsync(db, organizationId.Value, [.. programs.Where(p => p.OrganizationId == organizationId).Select(p => p.Id)], learnerId, now,
                            cancellationToken))
                {
                    case SeatClaim.NoLicence:
                        return Refuse("NO_LICENCE", "Your organization holds no current licence for this program: ask its administrator.", "track");
                    case SeatClaim.NoSeatAvailable:
                        return Refuse("NO_SEAT_AVAILABLE", "Every seat of your organization's licence is taken: ask its administrator for one.", "track");
                }

                break;
        }

        var enrollment = new Enrollment
        {
            LearnerId = learnerId,
            LearnerName = caller.DisplayName ?? "Learner",
            CourseId = courseId,
            PartnerId = outline.PartnerId,
            SessionId = sessionId,
            Track = input.Track,
            OrganizationId = organizationId,
            CatalogEntitlementId = catalogEntitlement,
            EnrolledAt = now,
        };
        db.Enrollments.Add(enrollment);
        if (entitlement is not null)
        {
            entitlement.EnrollmentId = enrollment.Id;
        }

        db.Publish(LearnerEvents.For(LearnerEvents.EnrollmentCreated, enrollment, now));
        try
        {
            await records.SaveAsync(db, [LearningRecord.Of(enrollment, LearningRecordKind.Enrollment, now, progress: 0)], cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Refuse("ALREADY_ENROLLED", "You are already enrolled in this course.", "courseId"); // a concurrent enroll won
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return MutationPayload<Enrollment>.Changed(enrollment);
    }

    public async Task<MutationPayload<Enrollment>> WithdrawAsync(WithdrawInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = LearnerCallers.Enrolling(caller);
        var enrollmentId = Ids.Parse(input.EnrollmentId, "input.enrollmentId");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await LearnerCallers.EnsureNotErasedAsync(db, learnerId, cancellationToken);
        var (enrollment, refusal) = await OwnActiveEnrollmentAsync(db, learnerId, enrollmentId, "only an active one can be withdrawn", cancellationToken);
        if (enrollment is null)
        {
            return refusal!;
        }

        enrollment.State = EnrollmentState.Withdrawn;
        enrollment.WithdrawnAt = now;

        // A paid seat is not lost by withdrawing: the entitlement can pay for a later enrollment.
        foreach (var entitlement in await db.Entitlements.Where(e => e.EnrollmentId == enrollment.Id).ToListAsync(cancellationToken))
        {
            entitlement.EnrollmentId = null;
        }

        db.Publish(LearnerEvents.For(LearnerEvents.EnrollmentWithdrawn, enrollment, now));
        await records.SaveAsync(db, [LearningRecord.Of(enrollment, LearningRecordKind.Withdrawal, now)], cancellationToken);
        return MutationPayload<Enrollment>.Changed(enrollment);
    }

    public async Task<MutationPayload<Enrollment>> SwitchSessionAsync(SwitchSessionInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = LearnerCallers.Enrolling(caller);
        var enrollmentId = Ids.Parse(input.EnrollmentId, "input.enrollmentId");
        var sessionId = Ids.Parse(input.SessionId, "input.sessionId");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await LearnerCallers.EnsureNotErasedAsync(db, learnerId, cancellationToken);
        var (enrollment, refusal) = await OwnActiveEnrollmentAsync(db, learnerId, enrollmentId, "only an active one can move to another session",
            cancellationToken);
        if (enrollment is null)
        {
            return refusal!;
        }

        var outline = await db.Outlines.AsNoTracking().SingleAsync(o => o.CourseId == enrollment.CourseId, cancellationToken);
        var session = outline.Sessions.SingleOrDefault(s => s.Id == sessionId);
        if (session is null)
        {
            return Refuse("SESSION_NOT_FOUND", "The course has no session with this id.", "sessionId");
        }

        if (!session.IsEnrollmentOpen(now))
        {
            return Refuse("ENROLLMENT_CLOSED", "Enrollment in that session is not open.", "sessionId");
        }

        // Progress belongs to the enrollment, not the session: it moves along.
        enrollment.SessionId = sessionId;
        await records.SaveAsync(db, [LearningRecord.Of(enrollment, LearningRecordKind.Enrollment, now)], cancellationToken);
        return MutationPayload<Enrollment>.Changed(enrollment);
    }

    public async Task<MutationPayload<Entitlement>> GrantEntitlementAsync(GrantEntitlementInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsPlatformAdmin)
        {
            throw GraphQLErrors.Forbidden("Only platform administrators grant entitlements.");
        }

        var entitlement = new Entitlement
        {
            LearnerId = Ids.Parse(input.LearnerId, "input.learnerId"),
            CourseId = Ids.Parse(input.CourseId, "input.courseId"),
            GrantedBy = caller.Subject!,
            GrantedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Outlines.AnyAsync(o => o.CourseId == entitlement.CourseId, cancellationToken))
        {
            return MutationPayload<Entitlement>.Refused(UserError.For("COURSE_NOT_FOUND", "There is no course with this id.", "courseId"));
        }

        db.Entitlements.Add(entitlement);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<Entitlement>.Changed(entitlement);
    }

    /// <summary>
    /// The titles of the course's prerequisites the learner has not completed (in any session). Only public
    /// prerequisites count: one still a draft, or archived, cannot be taken, so it does not stand in the way.
    /// </summary>
    internal static async Task<List<string>> MissingPrerequisitesAsync(LearnerDbContext db, Guid learnerId, CourseOutline outline, CancellationToken cancellationToken)
    {
        if (outline.PrerequisiteIds.Count == 0)
        {
            return [];
        }

        var required = outline.PrerequisiteIds;
        var open = await db.Outlines.Where(o => required.Contains(o.CourseId) && o.Status == CourseOutline.Published)
            .ToDictionaryAsync(o => o.CourseId, o => o.Title, cancellationToken);
        var openIds = open.Keys.ToList();
        var completed = await db.Enrollments.Where(e => e.LearnerId == learnerId && openIds.Contains(e.CourseId) && e.State == EnrollmentState.Completed)
            .Select(e => e.CourseId).ToListAsync(cancellationToken);
        return [.. required.Where(id => open.ContainsKey(id) && !completed.Contains(id)).Select(id => open[id])];
    }

    /// <summary>Enrollments are a person's own: API clients enroll learners through programs.</summary>
    internal static Guid SignedInLearner(Caller caller) =>
        SignedInUsers.Require(caller, "Sign in to do this.", "Only a signed-in learner can do this.");

    /// <summary>The caller's own enrollment, tracked, when it is active; else the refusal to return.</summary>
    private static async Task<(Enrollment? Enrollment, MutationPayload<Enrollment>? Refusal)> OwnActiveEnrollmentAsync(
        LearnerDbContext db, Guid learnerId, Guid enrollmentId, string rule, CancellationToken cancellationToken)
    {
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.Id == enrollmentId && e.LearnerId == learnerId, cancellationToken);
        return enrollment switch
        {
            null => (null, Refuse("ENROLLMENT_NOT_FOUND", "You have no enrollment with this id.", "enrollmentId")),
            { State: not EnrollmentState.Active } => (null, Refuse("NOT_ACTIVE",
                $"The enrollment is {enrollment.State.ToString().ToUpperInvariant()}; {rule}.", "enrollmentId")),
            _ => (enrollment, null),
        };
    }

    private static MutationPayload<Enrollment> Refuse(string code, string message, string field) =>
        MutationPayload<Enrollment>.Refused(UserError.For(code, message, field));
}
