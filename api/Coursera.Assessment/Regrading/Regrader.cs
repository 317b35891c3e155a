using Coursera.Assessment.Attempts;
using Coursera.Assessment.Authoring;
using Coursera.Assessment.Data;
using Coursera.Assessment.Gradebook;
using Coursera.Assessment.Model;
using Coursera.Documents;
using Coursera.Events.Outbox;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Assessment.Regrading;

/// <summary>
/// Re-scores every graded attempt at an assessment with the answer keys of its newest published version, after an
/// author fixed a key (published versions never change, so a fix is a new version). A question the newest version
/// still has is scored with its new key; one it dropped keeps its old key. A dry run lists the differences and stores
/// nothing; applying stores them in one transaction, with <c>grade.changed</c> for each kept grade that moves (and
/// <c>grade.posted</c>, which the learner service counts towards completion).
/// </summary>
public sealed class Regrader(IDbContextFactory<AssessmentDbContext> contexts, Proctor proctor, TimeProvider clock)
{
    public async Task<MutationPayload<RegradeResult>> RegradeAsync(RegradeAssessmentInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        AuthoringAccess.EnsureSignedIn(caller);
        var id = Ids.Parse(input.AssessmentId, "input.assessmentId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Versions).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null)
        {
            return MutationPayload<RegradeResult>.Refused(UserError.For("ASSESSMENT_NOT_FOUND", "No assessment has this id.", "assessmentId"));
        }

        AuthoringAccess.Ensure(caller, assessment.PartnerId);
        if (assessment.Kind != AssessmentKind.Quiz)
        {
            // A grader or a rubric changed is a new version for new submissions: old ones keep the grade they were given.
            return MutationPayload<RegradeResult>.Refused(UserError.For("NOT_A_QUIZ", "Only quizzes are regraded: they have answer keys.", "assessmentId"));
        }

        // The newest version is the fix: regrading with an older published one while a draft waits would undo nothing.
        if (assessment.Latest.PublishedAt is null || assessment.Published is not { } current)
        {
            return MutationPayload<RegradeResult>.Refused(UserError.For("NOT_PUBLISHED", "Publish the newest version first: regrading uses its keys.", "assessmentId"));
        }

        if (input.Reason is { Length: > 500 })
        {
            return MutationPayload<RegradeResult>.Refused(UserError.For("INVALID_REASON", "A reason of at most 500 characters.", "reason"));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({id.ToString()}, 0))", cancellationToken);
        var attempts = await db.Attempts.Where(a => a.AssessmentId == id && a.State == AttemptState.Graded).OrderBy(a => a.Number).ToListAsync(cancellationToken);
        var versions = assessment.Versions.ToDictionary(v => v.Id);
        var contents = (await proctor.Contents.FindAsync(DocumentFilter.In("attemptId", attempts.Select(a => (object?)a.Id)), cancellationToken: cancellationToken))
            .ToDictionary(c => c.AttemptId);
        var changes = new List<RegradeChange>();
        foreach (var attempt in attempts)
        {
            var own = versions[attempt.VersionId];
            contents.TryGetValue(attempt.Id, out var content);
            if (content?.Erased == true)
            {
                continue; // the answers went with the learner's account: the score they earned stays
            }

            var keys = AnswerKeys.For(own.Questions.Where(q => content?.Questions.Any(drawn => drawn.Id == q.Id) ?? true), current);
            var rescored = QuestionScoring.Score(keys, content?.Answers ?? []);
            var penalized = LatePenalty.Apply(rescored, attempt.LatePenalty ?? 0); // late then, late now
            var score = input.KeepHigher == true ? Math.Max(penalized, attempt.Score!.Value) : penalized;
            if (Math.Abs(score - attempt.Score!.Value) < 1e-9)
            {
                continue;
            }

            var passed = own.Policy.Passes(score);
            changes.Add(new RegradeChange(attempt.Id, attempt.LearnerId, attempt.Number, attempt.Score.Value, score, attempt.Passed == true, passed));
            attempt.ScoreAs(rescored, attempt.LatePenalty ?? 0); // a kept higher score never gets here: it did not change
            attempt.Passed = passed;
            attempt.GradedWithVersionId = current.Id;
        }

        if (input.Apply != true || changes.Count == 0)
        {
            return MutationPayload<RegradeResult>.Changed(new RegradeResult(false, attempts.Count, changes));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? "The assessment was regraded with corrected answer keys." : input.Reason.Trim();
        foreach (var learner in changes.Select(c => c.LearnerId).Distinct())
        {
            var theirs = attempts.Where(a => a.LearnerId == learner).ToList();
            var kept = AttemptRules.Kept(current.Policy.GradingMethod, [.. theirs.Select(a => new AttemptRules.GradedScore(a.Score!.Value, a.RawScore ?? a.Score!.Value))])!;
            var passed = current.Policy.Passes(kept.Score);
            var grade = await db.Grades.SingleOrDefaultAsync(g => g.LearnerId == learner && g.ItemId == assessment.ItemId, cancellationToken);
            if (grade is null || (Math.Abs(grade.Score - kept.Score) < 1e-9 && grade.Passed == passed))
            {
                continue;
            }

            var old = grade.Score;
            grade.Score = kept.Score;
            grade.LateLoss = kept.LateLoss;
            grade.Passed = passed;
            grade.GradedAt = now;
            db.Publish(AssessmentEvents.Changed(grade, theirs[^1], old, reason));
            db.Publish(AssessmentEvents.Posted(grade, theirs[^1]));
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var learner in changes.Where(c => c.NewPassed).Select(c => c.LearnerId).Distinct())
        {
            await CourseGrades.RecordPassAsync(db, attempts.Last(a => a.LearnerId == learner), now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<RegradeResult>.Changed(new RegradeResult(true, attempts.Count, changes));
    }
}
