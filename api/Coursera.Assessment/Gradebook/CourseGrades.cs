using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.Events.Outbox;
using Coursera.ServiceDefaults.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Assessment.Gradebook;

/// <summary>A learner's grade in a course, from the course's graded items as the catalog says and their kept grades.</summary>
public sealed class CourseGrades(IDbContextFactory<AssessmentDbContext> contexts)
{
    public async Task<CourseGrading.Result?> CourseGradeAsync(Guid courseId, Guid learnerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CourseGradeAsync(db, courseId, learnerId, cancellationToken);
    }

    /// <summary>The grade as <paramref name="db"/> sees it (inside a transaction that changed an item's grade).</summary>
    public static async Task<CourseGrading.Result?> CourseGradeAsync(AssessmentDbContext db, Guid courseId, Guid learnerId, CancellationToken cancellationToken) =>
        (await CourseGradesAsync(db, courseId, [learnerId], cancellationToken))?[learnerId];

    /// <summary>
    /// The course grades of many learners (a report), with the course's items, assessments and groups read once;
    /// null for a course without graded items.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, CourseGrading.Result>?> CourseGradesAsync(AssessmentDbContext db, Guid courseId,
        IReadOnlyCollection<Guid> learnerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(learnerIds);
        var items = await db.CourseItems.AsNoTracking().Where(i => i.CourseId == courseId && i.Graded).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return null;
        }

        var itemIds = items.Select(i => i.ItemId).ToList();
        var assessments = await db.Assessments.AsNoTracking().Include(a => a.Versions).Where(a => itemIds.Contains(a.ItemId))
            .ToDictionaryAsync(a => a.ItemId, cancellationToken);
        var grades = (await db.Grades.AsNoTracking().Where(g => learnerIds.Contains(g.LearnerId) && g.CourseId == courseId).ToListAsync(cancellationToken))
            .ToLookup(g => g.LearnerId);
        var groups = await db.GradeGroups.AsNoTracking().Where(g => g.CourseId == courseId).ToDictionaryAsync(g => g.Name, g => g.DropLowest, cancellationToken);
        var ordered = items.OrderBy(i => i.Title, StringComparer.Ordinal).ToList();
        return learnerIds.Distinct().ToDictionary(learner => learner, learner =>
        {
            var theirs = grades[learner].ToDictionary(g => g.ItemId);
            return CourseGrading.Compute([.. ordered.Select(i =>
            {
                var assessment = assessments.GetValueOrDefault(i.ItemId);
                var grade = theirs.GetValueOrDefault(i.ItemId);
                return new CourseGrading.ItemInput(i.ItemId, i.Title, assessment?.Weight ?? 1, assessment?.Published is not null, grade?.Score,
                    grade?.Passed == true)
                {
                    Group = assessment?.Group,
                    LateLoss = grade?.LateLoss ?? 0,
                };
            })], groups);
        });
    }

    /// <summary>
    /// The course grades of the learners enrolled in the course through an organization (its programs), for its
    /// administrators and its API clients with <c>reports:read</c>; learners in their enrollment order.
    /// </summary>
    public async Task<IReadOnlyList<MemberGrade>> OfOrganizationAsync(Guid courseId, Guid organizationId, Caller caller, CancellationToken cancellationToken)
    {
        GradeReaders.Ensure(caller, organizationId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var members = await db.Enrollments.AsNoTracking().Where(e => e.CourseId == courseId && e.OrganizationId == organizationId && e.State != "WITHDRAWN")
            .OrderBy(e => e.Version).Select(e => e.LearnerId).Distinct().ToListAsync(cancellationToken);
        var grades = await CourseGradesAsync(db, courseId, members, cancellationToken);
        return grades is null ? [] : [.. members.Select(m => new MemberGrade(m, grades[m]))];
    }

    /// <summary>
    /// After an item's grade changed in <paramref name="db"/> (saved, not committed): when every graded item of the
    /// course is now passed and the learner had not passed it before, records the pass and sends
    /// <c>course_grade.passed</c>, in the same transaction.
    /// </summary>
    public static async Task RecordPassAsync(AssessmentDbContext db, Attempt attempt, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attempt);
        if (await db.CoursePasses.AnyAsync(p => p.LearnerId == attempt.LearnerId && p.CourseId == attempt.CourseId, cancellationToken)
            || await CourseGradeAsync(db, attempt.CourseId, attempt.LearnerId, cancellationToken) is not { Passed: true } grade)
        {
            return;
        }

        // A concurrent grading may record the same pass: the first insert wins, and only it announces the pass.
        var pass = new CoursePass { LearnerId = attempt.LearnerId, CourseId = attempt.CourseId, Score = grade.Score, PassedAt = now };
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO assessment.course_passes (learner_id, course_id, score, passed_at) VALUES ({pass.LearnerId}, {pass.CourseId}, {pass.Score}, {pass.PassedAt})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        if (inserted == 1)
        {
            db.Publish(AssessmentEvents.CoursePassed(pass, attempt));
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
