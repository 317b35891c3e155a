using System.Net;
using System.Text.Json.Nodes;
using Coursera.Identity.Data;
using Coursera.Media.Playback;
using Coursera.Testing;
using Microsoft.Extensions.Options;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Media.Tests;

/// <summary>
/// The whole way through the all-in-one host and the reference edge, as a partner and learners would go: upload,
/// transcode, attach to a lecture, enroll, play every segment of the signed HLS and DASH URLs through the edge
/// (ffmpeg decodes them), and the edge's refusals.
/// </summary>
public sealed class MediaJourneyTests(MediaPlatformApp platform) : IClassFixture<MediaPlatformApp>
{
    private const string CoursePlayback = """
        query($c: ID!) { course(id: $c) { modules { items { id kind playback { hlsUrl dashUrl expiresAt posterUrl captions { language url } } } } } }
        """;

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task A_partners_upload_plays_for_an_enrolled_learner_through_the_edge_and_nobody_else()
    {
        var partner = await _path.PartnerAsync();
        var bytes = await MediaApp.SampleVideoAsync(seconds: 9, width: 1280, height: 720);
        var created = (await partner.PostAsync("""
            mutation($input: CreateUploadInput!) { createUpload(input: $input) { upload { asset { id } partSizeBytes parts { partNumber url method } } errors { code } } }
            """, new { input = new { partnerId = SampleTenants.Partners[3].Id, title = "Welcome", contentType = "video/mp4", sizeBytes = bytes.Length } })).Ok()["createUpload"]!;
        using (var http = platform.CreateClient())
        using (var put = await Uploads.PutAsync(http, created["upload"]!, bytes))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var assetId = created["upload"]!["asset"]!["id"]!.GetValue<string>();
        Assert.Empty((await Uploads.CompleteAsync(partner, assetId))["errors"]!.AsArray());
        var asset = await Uploads.SettledAsync(partner, assetId);
        Assert.True(asset["state"]!.GetValue<string>() == "READY", asset.ToJsonString());
        Assert.Equal(["240p", "360p", "720p"], asset["renditions"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));

        var course = await _path.PublishCourseAsync("media-journey");
        Accepted(await partner.PostAsync("mutation($i: ID!, $a: String!) { updateItem(input: {itemId: $i, videoAssetId: $a}) { errors { code } } }",
            new { i = course.Lecture, a = assetId }));

        // Nobody but the enrolled learner: anonymous callers are told to sign in, a learner not enrolled may not.
        var (stranger, _) = await platform.NewLearnerAsync();
        var (learner, _) = await _path.LearnerAsync();
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" }));
        var playback = await LecturePlaybackAsync(learner, course.Id, course.Lecture);
        var refused = await stranger.PostAsync("query($i: ID!) { playback(itemId: $i) { hlsUrl } }", new { i = course.Lecture });
        Assert.Equal("FORBIDDEN", refused.ErrorCode());
        Assert.Equal("UNAUTHENTICATED", (await platform.Gateway().PostAsync("query($i: ID!) { playback(itemId: $i) { hlsUrl } }", new { i = course.Lecture })).ErrorCode());

        // Every segment of every rendition, both manifests, decodes through the edge.
        var hls = playback["hlsUrl"]!.GetValue<string>();
        var dash = playback["dashUrl"]!.GetValue<string>();
        foreach (var url in (string[])[hls, dash])
        {
            await MediaApp.RunAsync("ffmpeg", "-v", "error", "-xerror", "-i", url, "-map", "0", "-f", "null", "-");
        }

        var frames = await MediaApp.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", dash);
        Assert.Equal(225, int.Parse(frames.Trim().Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture)); // 9 s at 25 frames a second
        using var edge = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await edge.GetAsync(playback["posterUrl"]!.GetValue<string>())).StatusCode);

        // One character changed, another asset's folder under this token, or a way out of the folder: 403.
        var signature = hls.Split('/')[3];
        var changed = hls.Replace(signature, signature[..^1] + (signature[^1] == 'A' ? 'B' : 'A'), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await edge.GetAsync(changed)).StatusCode);
        var other = await SampleAssetIdAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await edge.GetAsync(hls.Replace(assetId, other, StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await edge.GetAsync(hls.Replace($"{assetId}/master.m3u8", $"{assetId}/..%2f{other}/master.m3u8", StringComparison.Ordinal))).StatusCode);

        // The same URL after its expiry: signed by the host's own signer, an hour ago.
        var expired = new EdgeSigner(Options.Create(new MediaOptions
        {
            Playback = new() { BaseUrl = platform.Edge.BaseUrl, Keys = [new() { Id = MediaPlatformApp.KeyId, Secret = platform.KeySecret }] },
        })).Sign(Guid.Parse(assetId), DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal(HttpStatusCode.Forbidden, (await edge.GetAsync(expired.UrlOf("master.m3u8"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await edge.GetAsync(hls)).StatusCode);

        // Watching 90 % of the real 9 s completes the lecture.
        var progress = Accepted(await learner.PostAsync(
            "mutation($i: ID!, $p: Float) { recordProgress(input: {itemId: $i, event: VIDEO_POSITION, positionSeconds: $p}) { progress { state positionSeconds } errors { code } } }",
            new { i = course.Lecture, p = 8.2 }))["recordProgress"]!["progress"]!;
        Assert.Equal("COMPLETED", progress["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_sample_learner_plays_the_sample_video_of_the_sample_course_with_its_captions()
    {
        var (learner, _) = await _path.LearnerAsync();
        var course = (await learner.PostAsync("""
            query($s: String!) { courseBySlug(slug: $s) { id sessions { id enrollmentOpensAt enrollmentClosesAt } modules { items { id kind } } } }
            """, new { s = Coursera.Catalog.Data.CatalogSeed.SampleCourseSlug })).Ok()["courseBySlug"]!;
        var session = course["sessions"]!.AsArray().First(s => s!["enrollmentOpensAt"]!.GetValue<DateTime>() < DateTime.UtcNow
            && s["enrollmentClosesAt"]!.GetValue<DateTime>() > DateTime.UtcNow)!["id"]!.GetValue<string>();
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course["id"]!.GetValue<string>(), s = session, t = "AUDIT" }));
        var lecture = course["modules"]!.AsArray().SelectMany(m => m!["items"]!.AsArray()).First(i => i!["kind"]!.GetValue<string>() == "LECTURE")!["id"]!.GetValue<string>();

        var playback = await LecturePlaybackAsync(learner, course["id"]!.GetValue<string>(), lecture, seconds: 90);

        await MediaApp.RunAsync("ffmpeg", "-v", "error", "-xerror", "-i", playback["hlsUrl"]!.GetValue<string>(), "-map", "0", "-f", "null", "-");
        using var edge = new HttpClient();
        var captions = await edge.GetStringAsync(playback["captions"]!.AsArray().Single()!["url"]!.GetValue<string>());
        Assert.Contains("Welcome to this sample lecture.", captions, StringComparison.Ordinal);
    }

    /// <summary>The lecture's playback on the course page through the gateway, once its events and transcoding are through.</summary>
    private static async Task<JsonNode> LecturePlaybackAsync(GraphQLHttpClient learner, string courseId, string lectureId, int seconds = 20)
    {
        JsonNode? playback = null;
        await Eventually(async () =>
        {
            // The media service learns of the enrollment from the learner's event, a moment after it: FORBIDDEN until then.
            var response = await learner.PostAsync(CoursePlayback, new { c = courseId });
            if (response.ErrorCode() == "FORBIDDEN")
            {
                return false;
            }

            var items = response.Ok()["course"]!["modules"]!.AsArray().SelectMany(m => m!["items"]!.AsArray());
            playback = items.Single(i => i!["id"]!.GetValue<string>() == lectureId)!["playback"];
            return playback is JsonObject;
        }, seconds);
        return playback!;
    }

    private async Task<string> SampleAssetIdAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(platform.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id::text FROM media.assets WHERE created_by = 'sample' LIMIT 1", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
