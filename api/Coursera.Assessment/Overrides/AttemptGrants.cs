using Coursera.Assessment.Authoring;
using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Assessment.Overrides;

/// <summary>Staff overrides for one learner: extra attempts, a deadline of their own, extra time; each grant recorded with who gave it and why.</summary>
public sealed class AttemptGrants(IDbContextFactory<AssessmentDbContext> contexts, TimeProvider clock)
{
    public Task<MutationPayload<AttemptGrant>> GrantAsync(GrantExtraAttemptsInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RecordAsync(input.AssessmentId, input.LearnerId, input.Reason, caller,
            input.Attempts is < 1 or > 20 ? UserError.For("INVALID_ATTEMPTS", "Grant 1 to 20 attempts at a time.", "attempts") : null,
            (assessmentId, learnerId) => new AttemptGrant
            {
                AssessmentId = assessmentId,
                LearnerId = learnerId,
                ExtraAttempts = input.Attempts,
                GrantedBy = caller.Subject ?? "unknown",
                Reason = input.Reason.Trim(),
                GrantedAt = clock.GetUtcNow().UtcDateTime,
            }, cancellationToken);
    }

    /// <summary>A deadline of the learner's own and/or extra time on each attempt.</summary>
    public Task<MutationPayload<AttemptGrant>> ExtendAsync(GrantExtensionInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var invalid = input.Deadline is null && input.ExtraTimeMinutes is null
            ? UserError.For("INVALID_EXTENSION", "Give a deadline, extra time, or both.", "deadline")
            : input.ExtraTimeMinutes is < 1 or > 10_080
                ? UserError.For("INVALID_EXTENSION", "Extra time is 1 minute to a week.", "extraTimeMinutes")
                : null;
        return RecordAsync(input.AssessmentId, input.LearnerId, input.Reason, caller, invalid, (assessmentId, learnerId) => new AttemptGrant
        {
            AssessmentId = assessmentId,
            LearnerId = learnerId,
            ExtraAttempts = 0,
            Deadline = input.Deadline?.ToUniversalTime(),
            ExtraMinutes = input.ExtraTimeMinutes ?? 0,
            GrantedBy = caller.Subject ?? "unknown",
            Reason = input.Reason.Trim(),
            GrantedAt = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken);
    }

    /// <summary>A learner's own terms at an assessment: extra attempts and minutes (summed) and their extended deadline (the newest).</summary>
    public static async Task<LearnerTerms> TermsAsync(AssessmentDbContext db, Guid assessmentId, Guid learnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return LearnerTerms.From(await db.Grants.AsNoTracking().Where(g => g.AssessmentId == assessmentId && g.LearnerId == learnerId)
            .ToListAsync(cancellationToken));
    }

    /// <summary>One grant to an enrolled learner, by an author of the course, with a reason; a refusal stores nothing.</summary>
    private async Task<MutationPayload<AttemptGrant>> RecordAsync(string rawAssessmentId, string rawLearnerId, string reason, Caller caller, UserError? invalid,
        Func<Guid, Guid, AttemptGrant> grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AuthoringAccess.EnsureSignedIn(caller);
        var assessmentId = Ids.Parse(rawAssessmentId, "input.assessmentId");
        var learnerId = Ids.Parse(rawLearnerId, "input.learnerId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assessmentId, cancellationToken);
        if (assessment is null)
        {
            return MutationPayload<AttemptGrant>.Refused(UserError.For("ASSESSMENT_NOT_FOUND", "No assessment has this id.", "assessmentId"));
        }

        AuthoringAccess.Ensure(caller, assessment.PartnerId);
        if (invalid is not null)
        {
            return MutationPayload<AttemptGrant>.Refused(invalid);
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            return MutationPayload<AttemptGrant>.Refused(UserError.For("INVALID_REASON", "Say why, in at most 500 characters: the grant is recorded.", "reason"));
        }

        if (!await db.Enrollments.AnyAsync(e => e.LearnerId == learnerId && e.CourseId == assessment.CourseId, cancellationToken))
        {
            return MutationPayload<AttemptGrant>.Refused(UserError.For("NOT_ENROLLED", "The learner has no enrollment in the course.", "learnerId"));
        }

        var recorded = grant(assessmentId, learnerId);
        db.Grants.Add(recorded);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<AttemptGrant>.Changed(recorded);
    }

}
