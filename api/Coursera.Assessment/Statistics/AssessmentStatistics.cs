using Coursera.Assessment.Attempts;
using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.Documents;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Assessment.Statistics;

/// <summary>
/// How an assessment is going, for its authors: graded attempts, learners, mean score, pass rate, and per question of
/// the newest version how well it is answered (its difficulty: the mean score of the answers it got).
/// </summary>
public sealed class AssessmentStatistics(IDbContextFactory<AssessmentDbContext> contexts, Proctor proctor)
{
    public sealed record Summary(int Attempts, int Learners, double? MeanScore, double? PassRate, int LearnersPassed, IReadOnlyList<QuestionSummary> Questions);

    public sealed record QuestionSummary(string QuestionId, string Prompt, int Answered, double? MeanScore);

    public async Task<Summary> ForAsync(ItemAssessment assessment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var graded = await db.Attempts.AsNoTracking().Where(a => a.AssessmentId == assessment.Id && a.State == AttemptState.Graded).ToListAsync(cancellationToken);
        var passedLearners = await db.Grades.AsNoTracking().CountAsync(g => g.ItemId == assessment.ItemId && g.Passed, cancellationToken);
        var contents = graded.Count == 0
            ? []
            : await proctor.Contents.FindAsync(DocumentFilter.In("attemptId", graded.Select(a => (object?)a.Id)), cancellationToken: cancellationToken);
        var questions = assessment.Latest.Questions.Select(q =>
        {
            var scores = contents.Where(c => !c.Erased && c.Questions.Any(x => x.Id == q.Id)).Select(c => QuestionScoring.Score(q, c.Answers.GetValueOrDefault(q.Id))).ToList();
            return new QuestionSummary(q.Id, q.Prompt, scores.Count, scores.Count > 0 ? scores.Average() : null);
        }).ToList();
        return new Summary(graded.Count, graded.Select(a => a.LearnerId).Distinct().Count(),
            graded.Count > 0 ? graded.Average(a => a.Score!.Value) : null,
            graded.Count > 0 ? (double)graded.Count(a => a.Passed == true) / graded.Count : null,
            passedLearners, questions);
    }
}
