using Coursera.Media.Data;
using Coursera.Media.Model;
using Coursera.Subgraphs.Loading;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Media.Subgraph;

/// <summary>The batch loaders of one request: a course page's lectures cost one query each for their lectures, assets and the viewer's enrollments.</summary>
public sealed class MediaLoaders(IDbContextFactory<MediaDbContext> contexts)
{
    private readonly Dictionary<Guid, BatchLoader<Guid, bool>> _watchable = [];

    /// <summary>
    /// Whether a learner may watch each course's lectures (an active or completed enrollment): a course page's lectures
    /// cost one query, not one each.
    /// </summary>
    public BatchLoader<Guid, bool> CoursesWatchableBy(Guid learnerId)
    {
        lock (_watchable)
        {
            if (!_watchable.TryGetValue(learnerId, out var loader))
            {
                loader = new(async (courseIds, ct) =>
                {
                    await using var db = await contexts.CreateDbContextAsync(ct);
                    var enrolled = await db.Enrollments.AsNoTracking()
                        .Where(e => e.LearnerId == learnerId && courseIds.Contains(e.CourseId) && (e.State == "ACTIVE" || e.State == "COMPLETED"))
                        .Select(e => e.CourseId).Distinct().ToListAsync(ct);
                    return enrolled.ToDictionary(id => id, _ => true);
                }, false);
                _watchable.Add(learnerId, loader);
            }

            return loader;
        }
    }

    public BatchLoader<Guid, TranscodeJob?> JobByAsset { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.TranscodeJobs.AsNoTracking().Where(j => ids.Contains(j.AssetId)).ToDictionaryAsync(j => j.AssetId, j => (TranscodeJob?)j, ct);
    }, null);

    public BatchLoader<Guid, Lecture?> LectureByItem { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Lectures.AsNoTracking().Where(l => ids.Contains(l.ItemId)).ToDictionaryAsync(l => l.ItemId, l => (Lecture?)l, ct);
    }, null);

    public BatchLoader<Guid, Asset?> AssetById { get; } = new(async (ids, ct) =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Assets.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (Asset?)a, ct);
    }, null);
}
