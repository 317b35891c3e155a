using System.Text.Json.Nodes;
using Coursera.Testing;

namespace Coursera.Media.Tests;

/// <summary>Who gets signed URLs for a lecture, and what they cover.</summary>
public sealed class PlaybackTests(MediaApp app) : IClassFixture<MediaApp>
{
    private const string Playback = "hlsUrl dashUrl expiresAt posterUrl signedQuery captions { language label url } cookies { name }";

    [Fact]
    public async Task An_enrolled_learner_gets_signed_urls_for_the_manifests_captions_and_poster_of_that_asset_only_for_six_hours()
    {
        var (assetId, courseId, itemId) = await ReadyLectureAsync();
        var (learnerId, token) = await app.NewLearnerAsync();
        await app.EnrollAsync(learnerId, courseId);

        var playback = await EventuallyPlaybackAsync(app.Client(token), itemId);

        var hls = new Uri(playback["hlsUrl"]!.GetValue<string>());
        var dash = new Uri(playback["dashUrl"]!.GetValue<string>());
        Assert.EndsWith($"/{assetId}/master.m3u8", hls.AbsolutePath, StringComparison.Ordinal);
        Assert.EndsWith($"/{assetId}/manifest.mpd", dash.AbsolutePath, StringComparison.Ordinal);

        // The token is in the path, before the asset's folder: relative segment URLs resolve under it.
        Assert.Equal(hls.AbsoluteUri[..hls.AbsoluteUri.LastIndexOf('/')], dash.AbsoluteUri[..dash.AbsoluteUri.LastIndexOf('/')]);
        Assert.StartsWith("http://127.0.0.1:8088/k1.", hls.AbsoluteUri, StringComparison.Ordinal);
        Assert.Empty(hls.Query);
        Assert.Equal("", playback["signedQuery"]!.GetValue<string>());
        Assert.Empty(playback["cookies"]!.AsArray());
        Assert.InRange(playback["expiresAt"]!.GetValue<DateTime>().ToUniversalTime(), DateTime.UtcNow.AddHours(6).AddMinutes(-1), DateTime.UtcNow.AddHours(6).AddMinutes(1));
        Assert.EndsWith($"/{assetId}/captions/en.vtt", playback["captions"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith($"/{assetId}/poster.jpg", playback["posterUrl"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_reaches_the_same_playback_as_a_field_of_the_catalogs_item()
    {
        var (_, courseId, itemId) = await ReadyLectureAsync();
        var (learnerId, token) = await app.NewLearnerAsync();
        await app.EnrollAsync(learnerId, courseId);
        await EventuallyPlaybackAsync(app.Client(token), itemId);

        var response = await app.Client(token).PostAsync("""
            query($r: [_Any!]!) { _entities(representations: $r) { ... on Item { id playback { hlsUrl } } } }
            """, new { r = new[] { new { __typename = "Item", id = itemId } } });

        Assert.EndsWith("/master.m3u8", response.Ok()["_entities"]![0]!["playback"]!["hlsUrl"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_callers_are_told_to_sign_in_and_learners_not_enrolled_or_withdrawn_may_not_watch()
    {
        var (_, courseId, itemId) = await ReadyLectureAsync();
        var (learnerId, token) = await app.NewLearnerAsync();
        var enrollmentId = Guid.CreateVersion7();
        await app.EnrollAsync(learnerId, courseId, enrollmentId: enrollmentId);
        await EventuallyPlaybackAsync(app.Client(token), itemId);

        var anonymous = await app.Client(null).PostAsync($"query($id: ID!) {{ playback(itemId: $id) {{ hlsUrl }} }}", new { id = itemId });
        Assert.Equal("UNAUTHENTICATED", anonymous.ErrorCode());
        Assert.Null(anonymous.Data?["playback"]);

        var (_, stranger) = await app.NewLearnerAsync();
        var refused = await app.Client(stranger).PostAsync($"query($id: ID!) {{ playback(itemId: $id) {{ hlsUrl }} }}", new { id = itemId });
        Assert.Equal("FORBIDDEN", refused.ErrorCode());

        await app.EnrollAsync(learnerId, courseId, "WITHDRAWN", enrollmentId);
        var until = DateTime.UtcNow.AddSeconds(10);
        GraphQLResponse withdrawn;
        do
        {
            withdrawn = await app.Client(token).PostAsync($"query($id: ID!) {{ playback(itemId: $id) {{ hlsUrl }} }}", new { id = itemId });
        }
        while (withdrawn.ErrorCode() is null && DateTime.UtcNow < until);
        Assert.Equal("FORBIDDEN", withdrawn.ErrorCode());
    }

    [Fact]
    public async Task An_erased_learners_enrollments_are_forgotten_and_their_old_token_plays_nothing()
    {
        var (_, courseId, itemId) = await ReadyLectureAsync();
        var (learnerId, token) = await app.NewLearnerAsync();
        await app.EnrollAsync(learnerId, courseId);
        await EventuallyPlaybackAsync(app.Client(token), itemId);

        await app.PublishAsync(Coursera.Events.EventEnvelope.Create("personal_data.erasure_requested", "identity", learnerId.ToString(),
            new { userId = learnerId, requestedAt = DateTime.UtcNow, byPlatformAdministrator = false }, DateTime.UtcNow));

        var until = DateTime.UtcNow.AddSeconds(10);
        GraphQLResponse after;
        do
        {
            after = await app.Client(token).PostAsync("query($id: ID!) { playback(itemId: $id) { hlsUrl } }", new { id = itemId });
        }
        while (after.ErrorCode() is null && DateTime.UtcNow < until);
        Assert.Equal("FORBIDDEN", after.ErrorCode());
    }

    [Fact]
    public async Task The_partners_api_client_previews_its_lectures_and_a_lecture_naming_another_partners_asset_plays_nothing()
    {
        var (assetId, _, itemId) = await ReadyLectureAsync();
        var partner = await app.PartnerClientAsync();
        var playback = await EventuallyPlaybackAsync(partner, itemId);
        Assert.Contains(assetId, playback["hlsUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        // Another partner's course whose author typed this asset's id: nobody gets its URLs through it.
        var (_, otherItem) = await app.PublishCourseAsync(assetId, MediaApp.OtherPartnerId);
        await Task.Delay(1000);
        var response = await partner.PostAsync($"query($id: ID!) {{ playback(itemId: $id) {{ hlsUrl }} }}", new { id = otherItem });
        Assert.Null(response.Ok()["playback"]);
    }

    /// <summary>A READY asset of the partner with English captions, played by the one lecture of a new course.</summary>
    private async Task<(string AssetId, Guid CourseId, Guid ItemId)> ReadyLectureAsync()
    {
        var partner = await app.PartnerClientAsync();
        var assetId = await Uploads.UploadAsync(app, partner, await MediaApp.SampleVideoAsync(seconds: 2, width: 320, height: 240));
        var captioned = await partner.PostAsync("""
            mutation($id: ID!) { uploadCaption(input: { assetId: $id, language: "en", label: "English", webVtt: "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n" }) { errors { code } } }
            """, new { id = assetId });
        Assert.Empty(captioned.Ok()["uploadCaption"]!["errors"]!.AsArray());
        Assert.Equal("READY", (await Uploads.SettledAsync(partner, assetId))["state"]!.GetValue<string>());
        var (courseId, itemId) = await app.PublishCourseAsync(assetId);
        return (assetId, courseId, itemId);
    }

    /// <summary>Playback once the course's and the enrollment's events have arrived (they take a moment).</summary>
    private static async Task<JsonNode> EventuallyPlaybackAsync(GraphQLHttpClient client, Guid itemId)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await client.PostAsync($"query($id: ID!) {{ playback(itemId: $id) {{ {Playback} }} }}", new { id = itemId });
            if (response.Data?["playback"] is JsonObject playback)
            {
                return playback;
            }

            Assert.True(DateTime.UtcNow < until, response.ToString());
            await Task.Delay(100);
        }
    }
}
