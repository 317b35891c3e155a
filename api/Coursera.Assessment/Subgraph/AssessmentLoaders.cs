using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.Assessment.Overrides;
using Coursera.Subgraphs.Loading;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Assessment.Subgraph;

/// <summary>
/// The batch loaders of one request: a course page's items cost one query for their assessments and one for the
/// viewer's attempts, whatever their number. Each batch uses its own short-lived context: resolvers run in parallel.
/// </summary>
public sealed class AssessmentLoaders(IDbContextFactory<AssessmentDbContext> contexts)
{
    private readonly Dictionary<Guid, BatchLoader<Guid, IReadOnlyList<Attempt>>> _attempts = [];
    private readonly Dictionary<Guid, BatchLoader<Guid, LearnerTerms>> _terms = [];
    private readonly Dictionary<Guid, BatchLoader<Guid, ItemGrade?>> _grades = [];
    private readonly Dictionary<Guid, BatchLoader<Guid, DateTime?>> _scheduleStarts = [];

    public BatchLoader<Guid, ItemAssessment?> AssessmentByItem { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Assessments.AsNoTracking().Include(a => a.Versions).Where(a => ids.Contains(a.ItemId))
            .ToDictionaryAsync(a => a.ItemId, a => (ItemAssessment?)a, ct);
    }, null);

    /// <summary>A learner's kept grade per item.</summary>
    public BatchLoader<Guid, ItemGrade?> GradesOf(Guid learnerId)
    {
        lock (_grades)
        {
            if (!_grades.TryGetValue(learnerId, out var loader))
            {
                loader = new(async (ids, ct) =>
                {
                    await using var db = await contexts.CreateDbContextAsync(ct);
                    return await db.Grades.AsNoTracking().Where(g => g.LearnerId == learnerId && ids.Contains(g.ItemId))
                        .ToDictionaryAsync(g => g.ItemId, g => (ItemGrade?)g, ct);
                }, null);
                _grades.Add(learnerId, loader);
            }

            return loader;
        }
    }

    /// <summary>A learner's terms per assessment (staff grants: extra attempts and time, their own deadline).</summary>
    public BatchLoader<Guid, LearnerTerms> TermsOf(Guid learnerId)
    {
        lock (_terms)
        {
            if (!_terms.TryGetValue(learnerId, out var loader))
            {
                loader = new(async (ids, ct) =>
                {
                    await using var db = await contexts.CreateDbContextAsync(ct);
                    var grants = await db.Grants.AsNoTracking().Where(g => g.LearnerId == learnerId && ids.Contains(g.AssessmentId)).ToListAsync(ct);
                    return grants.GroupBy(g => g.AssessmentId).ToDictionary(g => g.Key, g => LearnerTerms.From([.. g]));
                }, LearnerTerms.None);
                _terms.Add(learnerId, loader);
            }

            return loader;
        }
    }

    /// <summary>Where a learner's personal schedule starts, per course they may make attempts in.</summary>
    public BatchLoader<Guid, DateTime?> ScheduleStartOf(Guid learnerId)
    {
        lock (_scheduleStarts)
        {
            if (!_scheduleStarts.TryGetValue(learnerId, out var loader))
            {
                loader = new(async (ids, ct) =>
                {
                    await using var db = await contexts.CreateDbContextAsync(ct);
                    var rows = await db.Enrollments.AsNoTracking()
                        .Where(e => e.LearnerId == learnerId && ids.Contains(e.CourseId) && (e.State == "ACTIVE" || e.State == "COMPLETED"))
                        .OrderBy(e => e.Version).Select(e => new { e.CourseId, e.ScheduleStartsAt }).ToListAsync(ct);
                    return rows.GroupBy(r => r.CourseId).ToDictionary(g => g.Key, g => (DateTime?)g.Last().ScheduleStartsAt);
                }, null);
                _scheduleStarts.Add(learnerId, loader);
            }

            return loader;
        }
    }

    /// <summary>A learner's attempts per assessment, oldest first.</summary>
    public BatchLoader<Guid, IReadOnlyList<Attempt>> AttemptsOf(Guid learnerId)
    {
        lock (_attempts)
        {
            if (!_attempts.TryGetValue(learnerId, out var loader))
            {
                loader = new(async (ids, ct) =>
                {
                    await using var db = await contexts.CreateDbContextAsync(ct);
                    var rows = await db.Attempts.AsNoTracking().Where(a => a.LearnerId == learnerId && ids.Contains(a.AssessmentId))
                        .OrderBy(a => a.Number).ToListAsync(ct);
                    return rows.GroupBy(a => a.AssessmentId).ToDictionary(g => g.Key, g => (IReadOnlyList<Attempt>)[.. g]);
                }, []);
                _attempts.Add(learnerId, loader);
            }

            return loader;
        }
    }
}
