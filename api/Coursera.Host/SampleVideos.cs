using System.Diagnostics;
using Coursera.Catalog.Courses;
using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.Events.Outbox;
using Coursera.Media;
using Coursera.Media.Captions;
using Coursera.Media.Data;
using Coursera.Media.Model;
using Coursera.Media.Storage;
using Coursera.Media.Transcoding;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Host;

/// <summary>
/// The all-in-one host's sample videos: for each partner of the sample catalog, a few seconds of ffmpeg's test
/// pattern and tone with English captions, uploaded as the partner's asset and transcoded by the worker like any
/// upload (READY a few seconds after start), and played by every lecture of the partner's courses (the catalog
/// announces the change, so the media service learns it as it would from an author). A step of the media store,
/// after the catalog's; only when the catalog is seeded, there is no asset yet, ffmpeg is installed, and
/// <c>SampleVideos:Enabled</c> is not false.
/// </summary>
public sealed partial class SampleVideos(IDbContextFactory<CatalogDbContext> catalogs, IObjectStorage storage, IOptions<MediaOptions> options,
    IConfiguration configuration, TimeProvider clock, ILogger<SampleVideos> logger) : IStoreStep<MediaDbContext>
{
    public const int Seconds = 8;

    public const string Captions = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nWelcome to this sample lecture.\n\n00:00:04.000 --> 00:00:08.000\nA test pattern and a 440 Hz tone.\n";

    public async Task RunAsync(MediaDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!configuration.GetValue<bool>("Catalog:Seed") || !configuration.GetValue("SampleVideos:Enabled", true) || await db.Assets.AnyAsync(cancellationToken))
        {
            return;
        }

        var folder = Directory.CreateTempSubdirectory("coursera-sample-video").FullName;
        try
        {
            var source = Path.Combine(folder, "sample.mp4");
            if (!await GenerateAsync(source, cancellationToken))
            {
                LogNoFfmpeg(logger, options.Value.Transcoding.Ffmpeg);
                return;
            }

            var captions = Path.Combine(folder, "en.vtt");
            await File.WriteAllTextAsync(captions, Captions, cancellationToken);
            await using var catalog = await catalogs.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var partners = await catalog.Partners.AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
            var assets = new Dictionary<Guid, Asset>();
            foreach (var partner in partners)
            {
                var asset = new Asset
                {
                    Id = Guid.CreateVersion7(),
                    PartnerId = partner.Id,
                    Title = $"{partner.Name}: sample lecture video",
                    State = AssetState.Processing,
                    ContentType = "video/mp4",
                    SizeBytes = new FileInfo(source).Length,
                    Captions = [new Caption("en", "English")],
                    CreatedBy = "sample",
                    CreatedAt = now,
                };
                await storage.UploadFileAsync(asset.SourceKey, source, asset.ContentType, cancellationToken);
                await storage.UploadFileAsync(asset.OutputPrefix + CaptionedManifests.FileOf("en"), captions, ContentTypes.Of(captions), cancellationToken);
                db.Assets.Add(asset);
                TranscodeLeases.Enqueue(db, asset, now);
                assets.Add(partner.Id, asset);
            }

            await db.SaveChangesAsync(cancellationToken);
            var courses = await catalog.Courses.Include(c => c.Sessions).Include(c => c.Modules).ThenInclude(m => m.Items).AsSplitQuery()
                .ToListAsync(cancellationToken);
            foreach (var course in courses.Where(c => assets.ContainsKey(c.PartnerId)))
            {
                foreach (var item in course.Modules.SelectMany(m => m.Items).Where(i => i.Kind == ItemKind.Lecture))
                {
                    item.VideoAssetId = assets[course.PartnerId].Id.ToString();
                }

                if (course.Status == CourseStatus.Published)
                {
                    catalog.Publish(CourseEvents.For(CourseEvents.Updated, course, now));
                }
            }

            await catalog.SaveChangesAsync(cancellationToken);
            LogSeeded(logger, assets.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A 640×360 test pattern with a tone: the ladder made of it is 240p and 360p.</summary>
    private async Task<bool> GenerateAsync(string path, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.Value.Transcoding.Ffmpeg) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                     "-f", "lavfi", "-i", $"testsrc2=size=640x360:rate=25:duration={Seconds}", "-f", "lavfi", "-i", $"sine=frequency=440:duration={Seconds}",
                     "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            _ = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample data: {Count} sample lecture videos queued for transcoding")]
    private static partial void LogSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sample data: no sample videos, {Ffmpeg} could not run (install ffmpeg)")]
    private static partial void LogNoFfmpeg(ILogger logger, string ffmpeg);
}
