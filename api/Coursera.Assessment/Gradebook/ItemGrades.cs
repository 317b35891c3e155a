using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.Assessment.Overrides;
using Coursera.Events.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Assessment.Gradebook;

/// <summary>
/// An item's kept grade, after one of its attempts was graded (a quiz submitted, a grader's result, peer reviews):
/// one rule for every kind of assessment.
/// </summary>
public static class ItemGrades
{
    /// <summary>
    /// Grades a submitted attempt with its raw score (the share of points earned, by keys, a grader or reviews), less
    /// the late penalty the learner's deadline gives on its submission time (<see cref="LatePenalty"/>), announces it
    /// (<c>attempt.graded</c>), and keeps the item's grade. <paramref name="own"/> is the policy the attempt was made
    /// under (its passing score), <paramref name="current"/> the assessment's current one.
    /// </summary>
    public static async Task GradeAsync(AssessmentDbContext db, Attempt attempt, double rawScore, AttemptPolicy own, AttemptPolicy current, DateTime now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(current);
        var terms = await AttemptGrants.TermsAsync(db, attempt.AssessmentId, attempt.LearnerId, cancellationToken);
        attempt.ScoreAs(rawScore, LatePenalty.Share(current, terms.DeadlineUnder(current), attempt.SubmittedAt!.Value));
        attempt.Passed = own.Passes(attempt.Score.Value);
        attempt.State = AttemptState.Graded;
        db.Publish(AssessmentEvents.Graded(attempt, now));
        await KeepAsync(db, attempt, current, now, cancellationToken);
    }

    /// <summary>
    /// Keeps the grade of <paramref name="attempt"/>'s item by the assessment's current rules (<paramref name="current"/>,
    /// its newest published policy, as a regrade uses) over every graded attempt at it, posts <c>grade.posted</c> when
    /// the kept grade moved, saves, and records a course pass when the course is now passed; all in the caller's
    /// transaction. Returns whether the kept grade passes.
    /// </summary>
    public static async Task<bool> KeepAsync(AssessmentDbContext db, Attempt attempt, AttemptPolicy current, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(current);
        var others = await db.Attempts.AsNoTracking()
            .Where(a => a.AssessmentId == attempt.AssessmentId && a.LearnerId == attempt.LearnerId && a.State == AttemptState.Graded && a.Id != attempt.Id)
            .Select(a => new { a.Number, a.Score, a.RawScore }).ToListAsync(cancellationToken);
        var scores = others.Select(a => (a.Number, Graded: new AttemptRules.GradedScore(a.Score!.Value, a.RawScore ?? a.Score!.Value)))
            .Append((attempt.Number, Graded: new AttemptRules.GradedScore(attempt.Score!.Value, attempt.RawScore ?? attempt.Score!.Value)));
        var kept = AttemptRules.Kept(current.GradingMethod, [.. scores.OrderBy(s => s.Number).Select(s => s.Graded)])!;
        var passed = current.Passes(kept.Score);
        var grade = await db.Grades.SingleOrDefaultAsync(g => g.LearnerId == attempt.LearnerId && g.ItemId == attempt.ItemId, cancellationToken);
        if (grade is null || Math.Abs(grade.Score - kept.Score) > 1e-9 || grade.Passed != passed)
        {
            if (grade is null)
            {
                grade = new ItemGrade { LearnerId = attempt.LearnerId, ItemId = attempt.ItemId, CourseId = attempt.CourseId };
                db.Grades.Add(grade);
            }

            grade.Score = kept.Score;
            grade.Passed = passed;
            grade.GradedAt = now;
            db.Publish(AssessmentEvents.Posted(grade, attempt));
        }

        grade.LateLoss = kept.LateLoss;
        await db.SaveChangesAsync(cancellationToken);
        if (passed)
        {
            await CourseGrades.RecordPassAsync(db, attempt, now, cancellationToken);
        }

        return passed;
    }
}
