using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Assessment.Gradebook;

/// <summary>A learner's grade in a course, from the course's graded items as the catalog says and their kept grades.</summary>
public sealed class CourseGrades(IDbContextFactory<AssessmentDbContext> contexts)
{
    public async Task<CourseGrading.Result?> CourseGradeAsync(Guid courseId, Guid learnerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = await db.CourseItems.AsNoTracking().Where(i => i.CourseId == courseId && i.Graded).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return null;
        }

        var itemIds = items.Select(i => i.ItemId).ToList();
        var assessments = await db.Assessments.AsNoTracking().Include(a => a.Versions).Where(a => itemIds.Contains(a.ItemId))
            .ToDictionaryAsync(a => a.ItemId, cancellationToken);
        var grades = await db.Grades.AsNoTracking().Where(g => g.LearnerId == learnerId && g.CourseId == courseId)
            .ToDictionaryAsync(g => g.ItemId, cancellationToken);
        return CourseGrading.Compute([.. items.OrderBy(i => i.Title, StringComparer.Ordinal).Select(i =>
        {
            var assessment = assessments.GetValueOrDefault(i.ItemId);
            var grade = grades.GetValueOrDefault(i.ItemId);
            return new CourseGrading.ItemInput(i.ItemId, i.Title, assessment?.Weight ?? 1, assessment?.Published is not null, grade?.Score,
                grade?.Passed == true);
        })]);
    }
}
