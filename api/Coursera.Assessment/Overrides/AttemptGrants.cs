using Coursera.Assessment.Authoring;
using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Assessment.Overrides;

/// <summary>Staff overrides for one learner: extra attempts, each grant recorded with who gave it and why.</summary>
public sealed class AttemptGrants(IDbContextFactory<AssessmentDbContext> contexts, TimeProvider clock)
{
    public async Task<MutationPayload<AttemptGrant>> GrantAsync(GrantExtraAttemptsInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        AuthoringAccess.EnsureSignedIn(caller);
        var assessmentId = Ids.Parse(input.AssessmentId, "input.assessmentId");
        var learnerId = Ids.Parse(input.LearnerId, "input.learnerId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assessmentId, cancellationToken);
        if (assessment is null)
        {
            return MutationPayload<AttemptGrant>.Refused(UserError.For("ASSESSMENT_NOT_FOUND", "No assessment has this id.", "assessmentId"));
        }

        AuthoringAccess.Ensure(caller, assessment.PartnerId);
        if (input.Attempts is < 1 or > 20)
        {
            return MutationPayload<AttemptGrant>.Refused(UserError.For("INVALID_ATTEMPTS", "Grant 1 to 20 attempts at a time.", "attempts"));
        }

        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 500)
        {
            return MutationPayload<AttemptGrant>.Refused(UserError.For("INVALID_REASON", "Say why, in at most 500 characters: the grant is recorded.", "reason"));
        }

        if (!await db.Enrollments.AnyAsync(e => e.LearnerId == learnerId && e.CourseId == assessment.CourseId, cancellationToken))
        {
            return MutationPayload<AttemptGrant>.Refused(UserError.For("NOT_ENROLLED", "The learner has no enrollment in the course.", "learnerId"));
        }

        var grant = new AttemptGrant
        {
            AssessmentId = assessmentId,
            LearnerId = learnerId,
            ExtraAttempts = input.Attempts,
            GrantedBy = caller.Subject ?? "unknown",
            Reason = input.Reason.Trim(),
            GrantedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Grants.Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<AttemptGrant>.Changed(grant);
    }

    /// <summary>A learner's extra attempts at an assessment: the sum of their grants.</summary>
    public static Task<int> ExtraAsync(AssessmentDbContext db, Guid assessmentId, Guid learnerId, CancellationToken cancellationToken) =>
        db.Grants.Where(g => g.AssessmentId == assessmentId && g.LearnerId == learnerId).SumAsync(g => g.ExtraAttempts, cancellationToken);
}
