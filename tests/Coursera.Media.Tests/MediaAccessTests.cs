using Coursera.Identity.Data;
using Coursera.Testing;

namespace Coursera.Media.Tests;

/// <summary>
/// Who may call each media operation, one row per caller and operation: anonymous callers sign in first, and learners
/// and other partners' clients neither upload, complete, caption nor read a partner's videos, nor watch a lecture of a
/// course they are not enrolled in.
/// </summary>
public sealed class MediaAccessTests(MediaApp app) : IClassFixture<MediaApp>
{
    private const string CreateUpload = "mutation($p: ID!) { createUpload(input: {partnerId: $p, title: \"x\", contentType: \"video/mp4\", sizeBytes: 1000}) { errors { code } } }";
    private const string CompleteUpload = "mutation($a: ID!) { completeUpload(input: {assetId: $a}) { errors { code } } }";
    private const string UploadCaption = "mutation($a: ID!) { uploadCaption(input: {assetId: $a, language: \"en\", label: \"English\", webVtt: \"WEBVTT\\n\"}) { errors { code } } }";
    private const string Assets = "query($p: ID!) { assets(partnerId: $p) { nodes { id } } }";
    private const string Asset = "query($a: ID!) { asset(id: $a) { id playback { hlsUrl } } }";
    private const string Playback = "query($i: ID!) { playback(itemId: $i) { hlsUrl } }";

    [Fact]
    public async Task Each_operation_answers_only_those_it_is_for()
    {
        var partner = await app.PartnerClientAsync();
        var assetId = await Uploads.UploadAsync(app, partner, await MediaApp.SampleVideoAsync(seconds: 1, width: 320, height: 240));
        Assert.Equal("READY", (await Uploads.SettledAsync(partner, assetId))["state"]!.GetValue<string>());
        var (_, itemId) = await app.PublishCourseAsync(assetId);
        var anonymous = app.Client(null);
        var (_, learnerToken) = await app.NewLearnerAsync();
        var learner = app.Client(learnerToken);
        var otherPartner = await app.PartnerClientAsync(SampleTenants.Partners.First(p => p.Slug != "kings-bridge").Slug);

        // The partner's own client does all of it (the lecture plays once the course's event has arrived).
        Assert.Equal(assetId, (await partner.PostAsync(Asset, new { a = assetId })).Ok()["asset"]!["id"]!.GetValue<string>());
        await LearningPath.Eventually(async () => (await partner.PostAsync(Playback, new { i = itemId })).Data?["playback"] is not null);

        // Uploading, completing, captioning and listing: the partner's staff and clients only.
        foreach (var (operation, variables) in new (string, object)[]
        {
            (CreateUpload, new { p = MediaApp.PartnerId }), (CompleteUpload, new { a = assetId }), (UploadCaption, new { a = assetId }),
            (Assets, new { p = MediaApp.PartnerId }),
        })
        {
            Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(operation, variables)).ErrorCode());
            Assert.Equal("FORBIDDEN", (await learner.PostAsync(operation, variables)).ErrorCode());
            Assert.Equal("FORBIDDEN", (await otherPartner.PostAsync(operation, variables)).ErrorCode());
        }

        // Reading an asset (and previewing it): nothing for anyone else.
        foreach (var caller in new[] { anonymous, learner, otherPartner })
        {
            Assert.Null((await caller.PostAsync(Asset, new { a = assetId })).Ok()["asset"]);
        }

        // Watching a lecture: sign in first; not enrolled, or another partner's client, may not.
        Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(Playback, new { i = itemId })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await learner.PostAsync(Playback, new { i = itemId })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await otherPartner.PostAsync(Playback, new { i = itemId })).ErrorCode());
    }
}
