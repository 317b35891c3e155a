using System.Diagnostics;
using System.Diagnostics.Metrics;
using Coursera.Media.Captions;
using Coursera.Media.Data;
using Coursera.Media.Model;
using Coursera.Media.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Coursera.Media.Transcoding;

/// <summary>
/// Takes transcoding jobs one at a time: fetches the source, checks it with ffprobe (not a video: the asset fails at
/// once), encodes the ladder while renewing its lease with the progress, stores the outputs, and makes the asset
/// READY. Outputs are stored before the asset is, so a READY asset always has all its files; a try that dies midway
/// leaves only files the next try overwrites.
/// </summary>
public sealed partial class TranscodingWorker(
    TranscodeLeases queue,
    LadderEncoder encoder,
    IObjectStorage storage,
    IDbContextFactory<MediaDbContext> contexts,
    IOptions<MediaOptions> options,
    NpgsqlDataSource dataSource,
    IMeterFactory meters,
    ILogger<TranscodingWorker> logger) : BackgroundService
{
    private static readonly TimeSpan QueueInterval = TimeSpan.FromSeconds(10);

    private readonly string _name = $"{Environment.MachineName}:{Environment.ProcessId}";

    private readonly TranscodingMetrics _metrics = new(meters);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The queue is sampled beside the work: a worker busy for minutes on one long video must still report the queue behind it.
        var sampling = _metrics.Queue.SampleEveryAsync(dataSource, QueueInterval, logger, stoppingToken);
        await WorkAsync(stoppingToken);
        await sampling;
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await queue.LeaseAsync(_name, stoppingToken) is { } lease)
                {
                    await RunAsync(lease, stoppingToken);
                    continue;
                }

                await queue.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A worker outlives any one failure (the database restarting): it waits and goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogWorkerFailed(logger, e);
                await Task.Delay(options.Value.Transcoding.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>One try at one asset.</summary>
    public async Task RunAsync(TranscodeLeases.Lease lease, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var watch = Stopwatch.StartNew();
        var folder = Directory.CreateTempSubdirectory("coursera-transcode").FullName;
        try
        {
            var source = Path.Combine(folder, "source");
            await storage.DownloadToFileAsync(Asset.SourceKeyOf(lease.AssetId), source, lost.Token);
            var probe = await MediaProbe.ReadAsync(options.Value.Transcoding.Ffprobe, source, lost.Token);
            if (probe is null)
            {
                await queue.FailAsync(lease, "INVALID_MEDIA: ffprobe found no video stream with a size and a duration in the upload.", final: true, stoppingToken);
                _metrics.Tried("failed", watch.Elapsed);
                return;
            }

            var rungs = Ladder.For(probe.Width, probe.Height, options.Value.Transcoding.Heights);
            var output = Directory.CreateDirectory(Path.Combine(folder, "out")).FullName;
            var reported = DateTime.UtcNow;
            await encoder.EncodeAsync(source, probe, rungs, output, async share =>
            {
                // A report a second is plenty for a progress bar, and renews the lease far more often than it runs out.
                if (DateTime.UtcNow - reported < TimeSpan.FromSeconds(1))
                {
                    return;
                }

                reported = DateTime.UtcNow;
                if (!await queue.RenewAsync(lease, (int)(share * 95), stoppingToken))
                {
                    await lost.CancelAsync();
                }
            }, lost.Token);

            var captions = await StoreAsync(lease.AssetId, output, probe, lost.Token);
            var done = await queue.CompleteAsync(lease, asset =>
            {
                asset.DurationSeconds = probe.DurationSeconds;
                asset.Width = probe.Width;
                asset.Height = probe.Height;
                asset.Renditions = [.. rungs.Select(r => new Rendition(r.Name, r.Width, r.Height, r.VideoBitrate + (probe.HasAudio ? 128_000 : 0)))];
            }, stoppingToken);
            if (done is not null && !done.Captions.SequenceEqual(captions))
            {
                // Captions came while the outputs were being stored: the manifests name them now.
                await WriteManifestsAsync(storage, done.Id, output, done.Captions, probe.DurationSeconds, stoppingToken);
            }

            if (done is not null)
            {
                LogReady(logger, lease.AssetId, probe.DurationSeconds, rungs.Count);
            }

            _metrics.Tried(done is null ? "lease_lost" : "ready", watch.Elapsed);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            LogLeaseLost(logger, lease.AssetId);
            _metrics.Tried("lease_lost", watch.Elapsed);
        }
        catch (Exception e) when (e is TranscodingException or IOException or Amazon.Runtime.AmazonServiceException)
        {
            LogTryFailed(logger, e, lease.AssetId, lease.Try);
            await queue.FailAsync(lease, e.Message, final: false, stoppingToken);
            _metrics.Tried(lease.Try >= options.Value.Transcoding.Tries ? "failed" : "retry", watch.Elapsed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Stores the outputs: segments and playlists first, ffmpeg's original manifests under <c>work/</c> (captions are
    /// added to copies of them), and the captioned manifests last, so that a player never finds a manifest naming a
    /// file not yet there.
    /// </summary>
    private async Task<IReadOnlyList<Caption>> StoreAsync(Guid assetId, string output, MediaProbe probe, CancellationToken cancellationToken)
    {
        var prefix = Asset.OutputPrefixOf(assetId);
        var manifests = new[] { LadderEncoder.HlsMaster, LadderEncoder.DashManifest };
        foreach (var file in Directory.EnumerateFiles(output).Where(f => !manifests.Contains(Path.GetFileName(f))))
        {
            await storage.UploadFileAsync(prefix + Path.GetFileName(file), file, ContentTypes.Of(file), cancellationToken);
        }

        foreach (var manifest in manifests)
        {
            await storage.UploadFileAsync(WorkKeyOf(assetId, manifest), Path.Combine(output, manifest), ContentTypes.Of(manifest), cancellationToken);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var captions = await db.Assets.Where(a => a.Id == assetId).Select(a => a.Captions).SingleAsync(cancellationToken);
        await WriteManifestsAsync(storage, assetId, output, captions, probe.DurationSeconds, cancellationToken);
        return captions;
    }

    /// <summary>ffmpeg's own manifests, kept so that captions can be added to them again.</summary>
    public static string WorkKeyOf(Guid assetId, string manifest) => $"assets/{assetId}/work/{manifest}";

    /// <summary>Writes the served manifests from ffmpeg's originals (in <paramref name="folder"/>) with the asset's captions.</summary>
    public static async Task WriteManifestsAsync(IObjectStorage storage, Guid assetId, string folder, IReadOnlyList<Caption> captions, double duration,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(captions);
        var prefix = Asset.OutputPrefixOf(assetId);
        foreach (var caption in captions)
        {
            var playlist = Path.Combine(folder, $"captions-{caption.Language}.m3u8");
            await File.WriteAllTextAsync(playlist, CaptionedManifests.HlsSubtitles(caption, duration), cancellationToken);
            await storage.UploadFileAsync(prefix + CaptionedManifests.PlaylistOf(caption.Language), playlist, ContentTypes.Of(playlist), cancellationToken);
        }

        var master = Path.Combine(folder, "served-" + LadderEncoder.HlsMaster);
        await File.WriteAllTextAsync(master, CaptionedManifests.HlsMaster(await File.ReadAllTextAsync(Path.Combine(folder, LadderEncoder.HlsMaster), cancellationToken), captions), cancellationToken);
        var mpd = Path.Combine(folder, "served-" + LadderEncoder.DashManifest);
        await File.WriteAllTextAsync(mpd, CaptionedManifests.DashManifest(await File.ReadAllTextAsync(Path.Combine(folder, LadderEncoder.DashManifest), cancellationToken), captions), cancellationToken);
        await storage.UploadFileAsync(prefix + LadderEncoder.DashManifest, mpd, ContentTypes.Of(mpd), cancellationToken);
        await storage.UploadFileAsync(prefix + LadderEncoder.HlsMaster, master, ContentTypes.Of(master), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The transcoding worker failed; it goes on after a pause")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asset {AssetId} is ready: {Seconds} s of video in {Rungs} renditions")]
    private static partial void LogReady(ILogger logger, Guid assetId, double seconds, int rungs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on asset {AssetId} was lost; another worker has the job")]
    private static partial void LogLeaseLost(ILogger logger, Guid assetId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transcoding asset {AssetId} failed on try {Try}")]
    private static partial void LogTryFailed(ILogger logger, Exception exception, Guid assetId, int @try);
}
