using Coursera.Media.Data;
using Coursera.Media.Model;
using Coursera.Subgraphs.Loading;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Media.Subgraph;

/// <summary>The batch loaders of one request: a course page's lectures cost one query each for their lectures and assets.</summary>
public sealed class MediaLoaders(IDbContextFactory<MediaDbContext> contexts)
{
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
