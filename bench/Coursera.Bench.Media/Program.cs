using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Coursera.Media;
using Coursera.Media.Playback;
using Coursera.Media.Playback.Signers;
using Coursera.Media.Transcoding;
using Coursera.Platform.Testing;
using Coursera.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coursera.Bench.Media;

/// <summary>
/// Media benchmark: (a) signed URL issuance per second in process, for each signer; (b) transcoding speed as a
/// multiple of real time (a 720p test pattern into the 240p/360p/720p ladder); (c) <c>playback</c> latency through the
/// gateway of the all-in-one host at 32 concurrent enrolled learners; (d) time to first segment through the reference
/// edge (master playlist, variant playlist, init segment, first media segment). Prints a Markdown table.
/// </summary>
internal static class MediaBench
{
    public static async Task<int> Main()
    {
        var learners = Setting("BENCH_LEARNERS", 32);
        var seconds = Setting("BENCH_SECONDS", 20);
        var videoSeconds = Setting("BENCH_VIDEO_SECONDS", 30);
        var segmentRuns = Setting("BENCH_FIRST_SEGMENTS", 200);
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        var rows = new List<string>();

        // (a) Signing, one thread, each signer with keys of the kind it takes.
        foreach (var signer in Signers())
        {
            var assetId = Guid.CreateVersion7();
            var expires = DateTimeOffset.UtcNow.AddHours(6);
            signer.Sign(assetId, expires);
            var clock = Stopwatch.StartNew();
            var count = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(2))
            {
                signer.Sign(assetId, expires);
                count++;
            }

            rows.Add($"| signed folders per second, `{signer.Name}` (1 thread) | {count / clock.Elapsed.TotalSeconds:N0} |");
        }

        // (b) Transcoding: the default preset (veryfast), the whole ladder in one ffmpeg run.
        var folder = Directory.CreateTempSubdirectory("coursera-bench-media").FullName;
        try
        {
            var source = Path.Combine(folder, "source.mp4");
            await Tools.RunAsync("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size=1280x720:rate=25:duration={videoSeconds}",
                "-f", "lavfi", "-i", $"sine=frequency=440:duration={videoSeconds}", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", source);
            var options = Options.Create(new MediaOptions());
            var probe = (await MediaProbe.ReadAsync("ffprobe", source, CancellationToken.None))!;
            var rungs = Ladder.For(probe.Width, probe.Height, options.Value.Transcoding.Heights);
            var output = Directory.CreateDirectory(Path.Combine(folder, "out")).FullName;
            var transcoding = Stopwatch.StartNew();
            await new LadderEncoder(options, NullLogger<LadderEncoder>.Instance).EncodeAsync(source, probe, rungs, output, _ => Task.CompletedTask, CancellationToken.None);
            transcoding.Stop();
            rows.Add($"| transcoding, {videoSeconds} s of 720p into {string.Join('/', rungs.Select(r => r.Name))} (x264 veryfast, poster) | {transcoding.Elapsed.TotalSeconds:0.0} s: {probe.DurationSeconds / transcoding.Elapsed.TotalSeconds:0.00}x real time |");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        // (c) and (d): the host and its edge, the sample videos on the sample course's lectures.
        await using var platform = new MediaPlatformApp();
        await platform.InitializeAsync();
        var path = new LearningPath(platform);
        var (seeded, _) = await path.LearnerAsync();
        var course = (await seeded.PostAsync("""
            query($s: String!) { courseBySlug(slug: $s) { id sessions { id enrollmentOpensAt enrollmentClosesAt } modules { items { id kind } } } }
            """, new { s = Coursera.Catalog.Data.CatalogSeed.SampleCourseSlug })).Ok()["courseBySlug"]!;
        var courseId = course["id"]!.GetValue<string>();
        var session = course["sessions"]!.AsArray().First(s => s!["enrollmentOpensAt"]!.GetValue<DateTime>() < DateTime.UtcNow
            && s["enrollmentClosesAt"]!.GetValue<DateTime>() > DateTime.UtcNow)!["id"]!.GetValue<string>();
        var lecture = course["modules"]!.AsArray().SelectMany(m => m!["items"]!.AsArray()).First(i => i!["kind"]!.GetValue<string>() == "LECTURE")!["id"]!.GetValue<string>();
        var clients = new List<GraphQLHttpClient>();
        for (var i = 0; i < learners; i++)
        {
            var (gateway, _) = await platform.NewLearnerAsync();
            LearningPath.Accepted(await gateway.PostAsync(LearningPath.EnrollMutation, new { c = courseId, s = session, t = "AUDIT" }));
            clients.Add(gateway);
        }

        const string Playback = "query($i: ID!) { playback(itemId: $i) { hlsUrl dashUrl expiresAt } }";
        string? hls = null;
        await LearningPath.Eventually(async () =>
        {
            var answers = await Task.WhenAll(clients.Select(c => c.PostAsync(Playback, new { i = lecture })));
            hls = answers.All(a => a.Data?["playback"] is JsonObject) ? answers[0].Data!["playback"]!["hlsUrl"]!.GetValue<string>() : null;
            return hls is not null;
        }, seconds: 120);

        var latencies = new ConcurrentBag<double>();
        var warm = DateTime.UtcNow.AddSeconds(3);
        var until = warm.AddSeconds(seconds);
        await Task.WhenAll(clients.Select(async client =>
        {
            while (DateTime.UtcNow < until)
            {
                var started = Stopwatch.GetTimestamp();
                var answer = await client.PostAsync(Playback, new { i = lecture });
                if (answer.Data?["playback"] is not JsonObject)
                {
                    throw new InvalidOperationException(answer.ToString());
                }

                if (DateTime.UtcNow > warm)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }));
        var sorted = latencies.Order().ToList();
        rows.Add($"| `playback(itemId)` through the gateway, {learners} concurrent learners, {seconds} s | {sorted.Count / (double)seconds:N0} requests/s; p50 {Percentile(sorted, 0.5):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms |");

        // (d) What a player does before the first frame, one at a time.
        using var http = new HttpClient();
        var firsts = new List<double>();
        for (var i = 0; i < segmentRuns; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var master = await http.GetStringAsync(hls);
            var variant = new Uri(new Uri(hls!), master.Split('\n').First(l => l.Length > 0 && !l.StartsWith('#')).Trim());
            var playlist = await http.GetStringAsync(variant);
            var init = playlist.Split('\n').First(l => l.StartsWith("#EXT-X-MAP:URI=", StringComparison.Ordinal))["#EXT-X-MAP:URI=".Length..].Trim().Trim('"');
            var segment = playlist.Split('\n').First(l => l.Length > 0 && !l.StartsWith('#')).Trim();
            await http.GetByteArrayAsync(new Uri(variant, init));
            await http.GetByteArrayAsync(new Uri(variant, segment));
            firsts.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        firsts.Sort();
        rows.Add($"| time to first segment through the edge (master, variant, init, segment; {segmentRuns} runs, one at a time) | p50 {Percentile(firsts, 0.5):0.00} ms, p99 {Percentile(firsts, 0.99):0.00} ms |");

        Console.WriteLine("| measure | result |");
        Console.WriteLine("| --- | --- |");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    private static IEnumerable<IPlaybackSigner> Signers()
    {
        using var rsa = RSA.Create(2048);
        var baseUrl = new Uri("https://cdn.example/videos/");
        IOptions<MediaOptions> With(string id, string secret) => Options.Create(new MediaOptions
        {
            Playback = new() { BaseUrl = baseUrl, Keys = [new() { Id = id, Secret = secret }] },
        });
        var edge = With("k1", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var cloudFront = With("K2JCJMDEHXQW5F", rsa.ExportPkcs8PrivateKeyPem());
        var google = With("key1", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        var akamai = With("a1", Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        return [new EdgeSigner(edge), new CloudFrontSigner(cloudFront), new CloudFrontCookieSigner(cloudFront), new GoogleCdnSigner(google),
            new AkamaiSigner(akamai, TimeProvider.System)];
    }

    private static double Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(share * sorted.Count))];

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
