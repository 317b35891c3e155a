using Coursera.Learner.Data;
using Coursera.Learner.Model;
using Coursera.Learner.Progress;
using Coursera.Subgraphs.Loading;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Learner.Subgraph;

/// <summary>
/// The batch loaders of one request: a page of enrollments costs one query per relation (outlines, progress
/// documents, certificates), whatever its size. Each batch uses its own short-lived context: resolvers run in parallel.
/// </summary>
public sealed class LearnerLoaders(IDbContextFactory<LearnerDbContext> contexts, ProgressRecorder progress)
{
    public BatchLoader<Guid, CourseOutline?> OutlineByCourse { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Outlines.AsNoTracking().Where(o => ids.Contains(o.CourseId)).ToDictionaryAsync(o => o.CourseId, o => (CourseOutline?)o, ct);
    }, null);

    public BatchLoader<Guid, CourseProgress?> ProgressByEnrollment { get; } = new(async (ids, ct) =>
        (await progress.ForEnrollmentsAsync(ids, ct)).ToDictionary(p => p.Key, p => (CourseProgress?)p.Value), null);

    public BatchLoader<Guid, Certificate?> CertificateByEnrollment { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Certificates.AsNoTracking().Where(c => ids.Contains(c.EnrollmentId)).ToDictionaryAsync(c => c.EnrollmentId, c => (Certificate?)c, ct);
    }, null);

    /// <summary>Each (organization, learner)'s enrollments that the organization pays or paid for, oldest first: a page of program members costs one query.</summary>
    public BatchLoader<(Guid OrganizationId, Guid LearnerId), IReadOnlyList<Enrollment>> EnrollmentsByMember { get; } = new(async (keys, ct) =>
    {
        var organizationIds = keys.Select(k => k.OrganizationId).Distinct().ToList();
        var learnerIds = keys.Select(k => k.LearnerId).Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.Enrollments.AsNoTracking()
            .Where(e => e.OrganizationId != null && organizationIds.Contains(e.OrganizationId.Value) && learnerIds.Contains(e.LearnerId))
            .OrderBy(e => e.Id).ToListAsync(ct);
        var byMember = found.ToLookup(e => (e.OrganizationId!.Value, e.LearnerId));
        return keys.ToDictionary(k => k, k => (IReadOnlyList<Enrollment>)[.. byMember[k]]);
    }, []);

    /// <summary>Current (active or completed) enrollments per course.</summary>
    public BatchLoader<Guid, int> EnrollmentCountByCourse { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var counts = await db.Enrollments.Where(e => ids.Contains(e.CourseId) && (e.State == EnrollmentState.Active || e.State == EnrollmentState.Completed))
            .GroupBy(e => e.CourseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return ids.ToDictionary(id => id, id => counts.GetValueOrDefault(id));
    }, 0);
}
