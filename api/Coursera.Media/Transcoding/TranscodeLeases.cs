using System.Security.Cryptography;
using Coursera.Events.Outbox;
using Coursera.Media.Assets;
using Coursera.Media.Data;
using Coursera.Media.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Transcoding;

/// <summary>
/// The transcoding queue in the media store, handed out by lease: a worker leases the oldest job it may take (rows
/// locked with SKIP LOCKED, so workers never wait on each other), renews the lease as it reports progress, and
/// finishes it with the lease's token. A lease that runs out (the worker died) lets another worker take the job; each
/// lease is a try, and after <see cref="MediaOptions.TranscodingSettings.Tries"/> the asset is FAILED.
/// </summary>
public sealed class TranscodeLeases(IDbContextFactory<MediaDbContext> contexts, IOptions<MediaOptions> options, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _work = new(0);

    /// <summary>A job's lease: who holds it until when.</summary>
    public sealed record Lease(Guid AssetId, string Token, int Try);

    /// <summary>Puts an asset whose source just arrived (tracked by <paramref name="db"/>, saved by the caller) in the queue.</summary>
    public static void Enqueue(MediaDbContext db, Asset asset, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(asset);
        db.TranscodeJobs.Add(new TranscodeJob { AssetId = asset.Id, State = TranscodeJobState.Queued, AvailableAt = now, CreatedAt = now });
    }

    /// <summary>Wakes a worker of this process waiting for work (others find it at their next poll).</summary>
    public void Signal() => _work.Release();

    /// <summary>Waits for a signal or the poll interval.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken) =>
        await _work.WaitAsync(options.Value.Transcoding.PollInterval, cancellationToken);

    public void Dispose() => _work.Dispose();

    public async Task<Lease?> LeaseAsync(string worker, CancellationToken cancellationToken)
    {
        var settings = options.Value.Transcoding;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var job = await db.TranscodeJobs.FromSql($"""
                SELECT * FROM media.transcode_jobs
                WHERE state IN ('Queued', 'Leased') AND available_at <= {now} AND (state = 'Queued' OR lease_expires_at < {now})
                ORDER BY available_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """).SingleOrDefaultAsync(cancellationToken);
            if (job is null)
            {
                return null;
            }

            if (job.Tries >= settings.Tries)
            {
                // Every try so far was lost (workers dying on it): the asset fails, and the next job is looked at.
                await FailAssetAsync(db, job, job.LastError ?? "Transcoding stopped on every try before it finished.", now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                continue;
            }

            job.State = TranscodeJobState.Leased;
            job.Tries++;
            job.Progress = 0;
            job.LeaseToken = RandomNumberGenerator.GetHexString(32, lowercase: true);
            job.LeasedBy = worker;
            job.LeaseExpiresAt = now + settings.Lease;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Lease(job.AssetId, job.LeaseToken, job.Tries);
        }
    }

    /// <summary>Reports progress (0 to 100) and extends the lease; false when the lease is no longer held (stop working).</summary>
    public async Task<bool> RenewAsync(Lease lease, int progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + options.Value.Transcoding.Lease;
        return await db.TranscodeJobs
            .Where(j => j.AssetId == lease.AssetId && j.State == TranscodeJobState.Leased && j.LeaseToken == lease.Token && j.LeaseExpiresAt >= now)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Progress, Math.Clamp(progress, 0, 100)).SetProperty(j => j.LeaseExpiresAt, expires), cancellationToken) == 1;
    }

    /// <summary>
    /// Makes the asset READY with what the try made: the asset as it now is, or null when the lease was lost meanwhile
    /// (another worker has it). The asset's row is locked, as caption uploads lock it: a caption uploaded before this
    /// is in the asset returned, one after it finds the asset READY and writes the manifests itself.
    /// </summary>
    public async Task<Asset?> CompleteAsync(Lease lease, Action<Asset> finish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(finish);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await LockHeldAsync(db, lease, cancellationToken);
        if (job is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var asset = await db.Assets.FromSql($"SELECT * FROM media.assets WHERE id = {lease.AssetId} FOR UPDATE").SingleAsync(cancellationToken);
        finish(asset);
        asset.State = AssetState.Ready;
        asset.ReadyAt = now;
        asset.Error = null;
        job.State = TranscodeJobState.Done;
        job.Progress = 100;
        job.LeaseToken = null;
        job.CompletedAt = now;
        db.Publish(AssetEvents.For(AssetEvents.Ready, asset, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return asset;
    }

    /// <summary>
    /// A try failed: the job goes back to the queue after a pause growing with the tries (a full disk often passes),
    /// or, when <paramref name="final"/> (the source is not a video) or on the last try, the asset fails.
    /// </summary>
    public async Task FailAsync(Lease lease, string error, bool final, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(error);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await LockHeldAsync(db, lease, cancellationToken);
        if (job is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        error = error.Length > 2000 ? error[..2000] : error;
        if (final || job.Tries >= options.Value.Transcoding.Tries)
        {
            await FailAssetAsync(db, job, error, now, cancellationToken);
        }
        else
        {
            job.State = TranscodeJobState.Queued;
            job.LeaseToken = null;
            job.LeaseExpiresAt = null;
            job.LastError = error;
            job.AvailableAt = now + options.Value.Transcoding.RetryDelay * job.Tries;
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<TranscodeJob?> LockHeldAsync(MediaDbContext db, Lease lease, CancellationToken cancellationToken)
    {
        var job = await db.TranscodeJobs.FromSql($"SELECT * FROM media.transcode_jobs WHERE asset_id = {lease.AssetId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        return job is { State: TranscodeJobState.Leased } && job.LeaseToken is { } token
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(token), System.Text.Encoding.UTF8.GetBytes(lease.Token))
            ? job
            : null;
    }

    private static async Task FailAssetAsync(MediaDbContext db, TranscodeJob job, string error, DateTime now, CancellationToken cancellationToken)
    {
        var asset = await db.Assets.SingleAsync(a => a.Id == job.AssetId, cancellationToken);
        asset.State = AssetState.Failed;
        asset.Error = error;
        job.State = TranscodeJobState.Failed;
        job.LeaseToken = null;
        job.LastError = error;
        job.CompletedAt = now;
        db.Publish(AssetEvents.For(AssetEvents.Failed, asset, now));
        await db.SaveChangesAsync(cancellationToken);
    }
}
