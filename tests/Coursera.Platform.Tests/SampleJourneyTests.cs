using System.Text.Json.Nodes;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Platform.Tests;

/// <summary>
/// The "done when", on the sample data of <c>./run.sh</c>: the seeded learner (with the seeded PAID
/// entitlement) signs in with PKCE, enrolls in the sample course on the PAID track, completes it and gets a
/// certificate that verifies, while the course's partner receives a webhook at each step.
/// </summary>
public sealed class SampleJourneyTests(PlatformApp platform) : IClassFixture<PlatformApp>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task The_seeded_learner_completes_the_sample_course_on_the_paid_track_and_gets_a_certificate_with_a_webhook_at_each_step()
    {
        var northfield = platform.PartnerClient("northfield");
        var partner = platform.Gateway((await platform.Oidc().ClientCredentialsAsync(northfield.ClientId, northfield.ClientSecret)).Access());
        Accepted(await partner.PostAsync(
            "mutation($url: String!) { createWebhookEndpoint(input: {url: $url, eventTypes: [\"enrollment.created\", \"enrollment.completed\", \"certificate.issued\"]}) { secret errors { code } } }",
            new { url = _receiver.Url }));

        var (learner, _) = await new LearningPath(platform).LearnerAsync();
        var course = (await learner.PostAsync("""
            { courseBySlug(slug: "machine-learning-foundations-northfield") { id sessions { id enrollmentClosesAt } modules { items { id required } } } }
            """)).Ok()["courseBySlug"]!;
        var courseId = course["id"]!.GetValue<string>();
        var session = course["sessions"]!.AsArray().First(s => s!["enrollmentClosesAt"]!.GetValue<DateTime>() > DateTime.UtcNow)!["id"]!.GetValue<string>();
        var required = course["modules"]!.AsArray().SelectMany(m => m!["items"]!.AsArray()).Where(i => i!["required"]!.GetValue<bool>())
            .Select(i => i!["id"]!.GetValue<string>()).ToList();

        // The seed's course events reach the learner service soon after start-up.
        JsonNode? enrolled = null;
        await Eventually(async () =>
        {
            enrolled = (await learner.PostAsync(EnrollMutation, new { c = courseId, s = session, t = "PAID" })).Ok()["enroll"]!;
            return enrolled["errors"]!.AsArray().Count == 0;
        });
        Assert.Equal("PAID", enrolled!["enrollment"]!["track"]!.GetValue<string>());

        foreach (var item in required)
        {
            Accepted(await learner.PostAsync("mutation($i: ID!) { recordProgress(input: {itemId: $i, event: COMPLETED}) { errors { code } } }", new { i = item }));
        }

        var code = (await learner.PostAsync("query($c: ID!) { course(id: $c) { viewerEnrollment { state certificate { code } } } }", new { c = courseId }))
            .Ok()["course"]!["viewerEnrollment"]!["certificate"]!["code"]!.GetValue<string>();
        Assert.True((await platform.Gateway().PostAsync("query($c: String!) { certificate(code: $c) { valid } }", new { c = code }))
            .Ok()["certificate"]!["valid"]!.GetValue<bool>());

        // The learner's home page of the issue (and of bench/learner.sh), through the gateway's default limits.
        var home = (await learner.PostAsync(
            "{ viewer { enrollments(first: 50) { nodes { course { title modules { items { title viewerProgress { state } } } } } } } }")).Ok();
        var items = home["viewer"]!["enrollments"]!["nodes"]!.AsArray().Single()!["course"]!["modules"]!.AsArray().SelectMany(m => m!["items"]!.AsArray()).ToList();
        Assert.Equal(required.Count, items.Count(i => i!["viewerProgress"]?["state"]?.GetValue<string>() == "COMPLETED"));

        await Eventually(() => Task.FromResult(_receiver.Received.Count >= 3));
        var types = _receiver.Received.Select(w => JsonNode.Parse(w.Body)!["type"]!.GetValue<string>()).ToList();
        // Deliveries run in parallel, so they may arrive in any order; each step once.
        Assert.Equal(["certificate.issued", "enrollment.completed", "enrollment.created"], types.Order(StringComparer.Ordinal));
        Assert.Contains(code, _receiver.Received.Single(w => w.Body.Contains("certificate.issued", StringComparison.Ordinal)).Body, StringComparison.Ordinal);
    }
}
