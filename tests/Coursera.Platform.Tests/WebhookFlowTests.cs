using System.Security.Cryptography;
using System.Text;
using Coursera.Identity.Data;

namespace Coursera.Platform.Tests;

/// <summary>
/// The whole path in the all-in-one host: a partner's API client registers a webhook endpoint through the gateway,
/// publishes a course, and a signed <c>course.published</c> reaches its receiver (catalog outbox, relay, stream,
/// fan-out, dispatcher).
/// </summary>
public sealed class WebhookFlowTests(PlatformApp platform) : IClassFixture<PlatformApp>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Publishing_a_course_delivers_a_signed_course_published_webhook_to_the_partners_endpoint()
    {
        var client = platform.PartnerClient("kings-bridge");
        var gateway = platform.Gateway((await platform.Oidc().ClientCredentialsAsync(client.ClientId, client.ClientSecret)).Access());
        var created = (await gateway.PostAsync(
            "mutation($url: String!) { createWebhookEndpoint(input: {url: $url, eventTypes: [\"course.published\"], description: \"LMS\"}) { endpoint { id } secret errors { code message } } }",
            new { url = _receiver.Url })).Ok()["createWebhookEndpoint"]!;
        var secret = created["secret"]!.GetValue<string>();

        var partnerId = SampleTenants.Partners[3].Id.ToString();
        var courseId = (await gateway.PostAsync("mutation($p: ID!) { createCourse(input: {partnerId: $p, slug: \"webhooked-course\", title: \"Webhooked\"}) { course { id } } }",
            new { p = partnerId })).Ok()["createCourse"]!["course"]!["id"]!.GetValue<string>();
        var moduleId = (await gateway.PostAsync("mutation($c: ID!) { addModule(input: {courseId: $c, title: \"One\"}) { module { id } } }", new { c = courseId }))
            .Ok()["addModule"]!["module"]!["id"]!.GetValue<string>();
        (await gateway.PostAsync("mutation($m: ID!) { addItem(input: {moduleId: $m, kind: READING, title: \"Read\"}) { errors { code } } }", new { m = moduleId })).Ok();
        (await gateway.PostAsync("mutation($c: ID!) { publishCourse(input: {courseId: $c}) { errors { code } } }", new { c = courseId })).Ok();

        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (!_receiver.Received.Any(r => r.Body.Contains(courseId, StringComparison.Ordinal)))
            {
                await Task.Delay(50, patience.Token);
            }
        }

        var delivery = _receiver.Received.Single(r => r.Body.Contains(courseId, StringComparison.Ordinal));
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{delivery.Id}.{delivery.Timestamp}.{delivery.Body}")));
        Assert.Equal(expected, delivery.Signature);
        Assert.Contains("\"type\":\"course.published\"", delivery.Body, StringComparison.Ordinal);

        // The delivery log shows it, to the endpoint's owner, once the dispatcher has recorded its round.
        System.Text.Json.Nodes.JsonArray attempts;
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while ((attempts = (await gateway.PostAsync("{ webhookEndpoints { recentAttempts { statusCode succeeded } } }"))
                .Ok()["webhookEndpoints"]![0]!["recentAttempts"]!.AsArray()).Count == 0)
            {
                await Task.Delay(50, patience.Token);
            }
        }

        Assert.Equal(204, attempts[0]!["statusCode"]!.GetValue<int>());

        // Another partner sees none of it.
        var other = platform.PartnerClient("northfield");
        var stranger = platform.Gateway((await platform.Oidc().ClientCredentialsAsync(other.ClientId, other.ClientSecret)).Access());
        Assert.Empty((await stranger.PostAsync("{ webhookEndpoints { id } }")).Ok()["webhookEndpoints"]!.AsArray());
    }
}
