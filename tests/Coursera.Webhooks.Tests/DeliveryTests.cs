using Coursera.Webhooks.Data;
using Coursera.Webhooks.Delivery;
using Coursera.Webhooks.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Webhooks.Tests;

/// <summary>Delivery per the Standard Webhooks specification, and what happens when the receiver misbehaves.</summary>
public sealed class DeliveryTests
{
    [Fact]
    public void The_signature_matches_the_specifications_known_answer()
    {
        // From the Standard Webhooks specification's example.
        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
            """{"test": 2432232314}""");
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public async Task An_event_of_the_endpoints_tenant_arrives_signed_with_the_event_id_and_the_standard_body()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = await WebhooksApp.StartAsync();
        var tenant = Guid.CreateVersion7();
        var (created, _) = await app.Endpoints.CreateAsync(tenant, receiver.Url, ["course.published"], "LMS", CancellationToken.None);
        Assert.StartsWith("whsec_", created!.Secret, StringComparison.Ordinal);

        var wanted = await app.PublishAsync(tenant);
        await app.PublishAsync(tenant, "course.archived"); // not subscribed
        await app.PublishAsync(Guid.CreateVersion7()); // another tenant's

        await WebhooksApp.WaitUntilAsync(() => !receiver.Requests.IsEmpty);
        await Task.Delay(300);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal(wanted.Id.ToString(), request.WebhookId);
        Assert.Equal(WebhookSignature.Sign(created.Secret, request.WebhookId, long.Parse(request.Timestamp, System.Globalization.CultureInfo.InvariantCulture), request.Body),
            request.Signature);
        var body = WebhooksApp.Json(request.Body);
        Assert.Equal("course.published", body.GetProperty("type").GetString());
        Assert.Equal("Webhooks 101", body.GetProperty("data").GetProperty("title").GetString());
        Assert.True(body.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task A_receiver_down_for_a_while_gets_every_event_once_it_is_back_with_the_same_ids()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Status = 503;
        await using var app = await WebhooksApp.StartAsync();
        var tenant = Guid.CreateVersion7();
        await app.Endpoints.CreateAsync(tenant, receiver.Url, [], null, CancellationToken.None);

        var events = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            events.Add((await app.PublishAsync(tenant)).Id);
        }

        await WebhooksApp.WaitUntilAsync(() => receiver.Requests.Count >= 20); // each tried at least twice
        receiver.Status = 200;
        await WebhooksApp.WaitUntilAsync(() => receiver.Delivered.Count == 10);

        Assert.Equal(events.Select(e => e.ToString()).Order(), receiver.Delivered.Order());
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync();
        await WebhooksApp.WaitUntilAsync(() => db.Messages.Count(m => m.Status == MessageStatus.Delivered) == 10); // recorded after the round
        Assert.True(await db.Attempts.CountAsync(a => !a.Succeeded && a.StatusCode == 503) >= 10);
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_and_nothing_more_is_sent_to_it()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Status = 410;
        await using var app = await WebhooksApp.StartAsync();
        var tenant = Guid.CreateVersion7();
        var (created, _) = await app.Endpoints.CreateAsync(tenant, receiver.Url, [], null, CancellationToken.None);

        await app.PublishAsync(tenant);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync();
        await WebhooksApp.WaitUntilAsync(() => !db.Endpoints.AsNoTracking().Single(e => e.Id == created!.Endpoint.Id).Enabled);
        await app.PublishAsync(tenant);
        await Task.Delay(500);

        Assert.Single(receiver.Requests);
        var endpoint = await db.Endpoints.AsNoTracking().SingleAsync(e => e.Id == created!.Endpoint.Id);
        Assert.False(endpoint.Enabled);
        Assert.Contains("410", endpoint.DisabledReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_dispatchers_at_once_deliver_each_message_once()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = await WebhooksApp.StartAsync(dispatch: false);
        var endpoint = (await app.Endpoints.CreateAsync(Guid.CreateVersion7(), receiver.Url, [], null, CancellationToken.None)).Created!.Endpoint;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync())
        {
            var now = DateTime.UtcNow;
            db.Messages.AddRange(Enumerable.Range(0, 300).Select(i => new WebhookMessage
            {
                EventId = Guid.CreateVersion7(), EndpointId = endpoint.Id, EventType = "course.published", Body = $$"""{"n":{{i}}}""",
                CreatedAt = now, NextAttemptAt = now,
            }));
            await db.SaveChangesAsync();
        }

        var first = ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.Services);
        var second = ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.Services);
        static async Task DrainAsync(WebhookDispatcher dispatcher)
        {
            while (await dispatcher.DispatchOnceAsync(CancellationToken.None) > 0)
            {
            }
        }

        await Task.WhenAll(DrainAsync(first), DrainAsync(second));

        Assert.Equal(300, receiver.Requests.Count);
        Assert.Equal(300, receiver.Delivered.Count);
    }

    [Fact]
    public async Task A_secret_one_instance_stored_signs_the_deliveries_of_another_through_the_key_ring_in_PostgreSQL()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var registrar = await WebhooksApp.StartAsync(dispatch: false);
        var (created, _) = await registrar.Endpoints.CreateAsync(Guid.CreateVersion7(), receiver.Url, [], null, CancellationToken.None);
        await using (var db = await registrar.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync())
        {
            Assert.NotEmpty(await KeyRingTests.StoredKeysAsync(registrar.ConnectionString));
            db.Messages.Add(new WebhookMessage
            {
                EventId = Guid.CreateVersion7(), EndpointId = created!.Endpoint.Id, EventType = "course.published", Body = """{"n":1}""",
                CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await using var dispatcher = await WebhooksApp.StartAsync(settings: new() { ["ConnectionStrings:Postgres"] = registrar.ConnectionString });
        await WebhooksApp.WaitUntilAsync(() => !receiver.Requests.IsEmpty);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(WebhookSignature.Sign(created!.Secret, request.WebhookId,
            long.Parse(request.Timestamp, System.Globalization.CultureInfo.InvariantCulture), request.Body), request.Signature);
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = await WebhooksApp.StartAsync();
        var tenant = Guid.CreateVersion7();
        var (created, _) = await app.Endpoints.CreateAsync(tenant, receiver.Url, [], null, CancellationToken.None);
        var rotated = await app.Endpoints.RotateSecretAsync(created!.Endpoint.Id, CancellationToken.None);

        await app.PublishAsync(tenant);
        await WebhooksApp.WaitUntilAsync(() => !receiver.Requests.IsEmpty);
        var request = receiver.Requests.Single();
        var timestamp = long.Parse(request.Timestamp, System.Globalization.CultureInfo.InvariantCulture);
        var signatures = request.Signature.Split(' ');
        Assert.Contains(WebhookSignature.Sign(rotated!, request.WebhookId, timestamp, request.Body), signatures);
        Assert.Contains(WebhookSignature.Sign(created.Secret, request.WebhookId, timestamp, request.Body), signatures);
    }

    [Theory]
    [InlineData("http://127.0.0.1/hooks")]
    [InlineData("http://10.1.2.3/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hooks")]
    [InlineData("ftp://example.org/hooks")]
    public async Task Private_targets_are_refused_when_registered(string url)
    {
        await using var app = await WebhooksApp.StartAsync(dispatch: false, allowPrivateTargets: false);
        var (created, refusal) = await app.Endpoints.CreateAsync(Guid.CreateVersion7(), url, [], null, CancellationToken.None);
        Assert.Null(created);
        Assert.NotNull(refusal);
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_private_address_is_refused_at_delivery()
    {
        await using var receiver = await Receiver.StartAsync();
        var url = receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        await using var app = await WebhooksApp.StartAsync(dispatch: false, allowPrivateTargets: false,
            settings: new() { ["Webhooks:AllowedPorts:0"] = new Uri(url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var (created, refusal) = await app.Endpoints.CreateAsync(Guid.CreateVersion7(), url, [], null, CancellationToken.None);
        Assert.Null(refusal); // a name: only its resolution can tell
        await app.Endpoints.SendTestAsync(created!.Endpoint.Id, CancellationToken.None);

        await ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.Services).DispatchOnceAsync(CancellationToken.None);

        Assert.Empty(receiver.Requests);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync();
        var attempt = await db.Attempts.SingleAsync();
        Assert.False(attempt.Succeeded);
        Assert.Equal(TargetAddressPolicy.Unreachable, attempt.Response);
    }

    [Fact]
    public async Task Retry_after_on_429_is_honoured_over_a_shorter_schedule()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Status = 429;
        receiver.RetryAfterSeconds = 2;
        await using var app = await WebhooksApp.StartAsync();
        var tenant = Guid.CreateVersion7();
        await app.Endpoints.CreateAsync(tenant, receiver.Url, [], null, CancellationToken.None);

        await app.PublishAsync(tenant);
        await WebhooksApp.WaitUntilAsync(() => receiver.Requests.Count >= 2);

        var attempts = receiver.Requests.OrderBy(r => r.At).ToList();
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(1.9),
            $"The second attempt came {(attempts[1].At - attempts[0].At).TotalMilliseconds:0} ms after the first; Retry-After asked for 2 s.");
    }

    [Fact]
    public async Task A_replayed_message_arrives_again_with_its_original_webhook_id()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = await WebhooksApp.StartAsync();
        var tenant = Guid.CreateVersion7();
        var (created, _) = await app.Endpoints.CreateAsync(tenant, receiver.Url, [], null, CancellationToken.None);
        var published = await app.PublishAsync(tenant);
        await WebhooksApp.WaitUntilAsync(() => receiver.Requests.Count == 1);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync();
        await WebhooksApp.WaitUntilAsync(() => db.Messages.AsNoTracking().Any(m => m.EndpointId == created!.Endpoint.Id && m.Status == MessageStatus.Delivered));
        var message = await db.Messages.AsNoTracking().SingleAsync(m => m.EndpointId == created!.Endpoint.Id);
        Assert.True(await app.Endpoints.ReplayAsync(message.Id, CancellationToken.None));

        await WebhooksApp.WaitUntilAsync(() => receiver.Requests.Count == 2);
        Assert.All(receiver.Requests, r => Assert.Equal(published.Id.ToString(), r.WebhookId));
    }

    [Fact]
    public async Task An_endpoint_failing_for_the_whole_disable_period_is_disabled_and_its_tenant_told_by_an_event()
    {
        await using var failing = await Receiver.StartAsync();
        failing.Status = 500;
        await using var healthy = await Receiver.StartAsync();
        await using var app = await WebhooksApp.StartAsync(settings: new() { ["Webhooks:DisableAfter"] = "00:00:00.300" });
        var tenant = Guid.CreateVersion7();
        var broken = (await app.Endpoints.CreateAsync(tenant, failing.Url, [], null, CancellationToken.None, tenantKind: "partner")).Created!.Endpoint;
        await app.Endpoints.CreateAsync(tenant, healthy.Url, ["webhook.endpoint.disabled"], null, CancellationToken.None, tenantKind: "partner");

        await app.PublishAsync(tenant);

        await WebhooksApp.WaitUntilAsync(() => !healthy.Requests.IsEmpty);
        var notice = WebhooksApp.Json(healthy.Requests.Single().Body);
        Assert.Equal("webhook.endpoint.disabled", notice.GetProperty("type").GetString());
        Assert.Equal(broken.Id.ToString(), notice.GetProperty("data").GetProperty("endpointId").GetString());
        Assert.Contains("failed", notice.GetProperty("data").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(failing.Requests.Count >= 2);
    }
}
