using System.Text.Json;
using Coursera.Events;
using Coursera.Testing;
using Coursera.Webhooks.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Coursera.Webhooks.Tests;

/// <summary>
/// The dispatcher by its own Program, on a database of its own and a stream of its own, with a retry schedule of
/// milliseconds instead of hours. Events are put on the stream as a service's outbox relay would.
/// </summary>
public sealed class WebhooksApp : ServiceApp<Coursera.Webhooks.Program>
{
    private WebhooksApp(Dictionary<string, string?> settings)
        : base(settings)
    {
    }

    public WebhookEndpoints Endpoints => Services.GetRequiredService<WebhookEndpoints>();

    public static async Task<WebhooksApp> StartAsync(bool dispatch = true, bool allowPrivateTargets = true, Dictionary<string, string?>? settings = null)
    {
        var app = new WebhooksApp(new Dictionary<string, string?>
        {
            ["Webhooks:MigrateOnStart"] = "true",
            ["Webhooks:Dispatch"] = dispatch.ToString(),
            ["Webhooks:AllowPrivateTargets"] = allowPrivateTargets.ToString(),
            ["Webhooks:RetryDelays:0"] = "00:00:00.100",
            ["Webhooks:RetryDelays:1"] = "00:00:00.200",
            ["Webhooks:RetryDelays:2"] = "00:00:00.300",
            ["Webhooks:RetryDelays:3"] = "00:00:00.500",
            ["Webhooks:RetryDelays:4"] = "00:00:01",
            ["Webhooks:RetryDelays:5"] = "00:00:01",
            ["Webhooks:RetryDelays:6"] = "00:00:01",
            ["Webhooks:IdleDelay"] = "00:00:00.010",
            ["Events:IdleDelay"] = "00:00:00.010",
        });
        foreach (var (key, value) in settings ?? [])
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        return app;
    }

    /// <summary>Adds an event to the stream as the relay of the service that owns it would.</summary>
    public async Task<EventEnvelope> PublishAsync(Guid partnerId, string type = "course.published")
    {
        var envelope = EventEnvelope.Create(type, "catalog", Guid.CreateVersion7().ToString(),
            new { courseId = Guid.CreateVersion7(), title = "Webhooks 101" }, DateTime.UtcNow, partnerId: partnerId);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestInfrastructure.Redis);
        await redis.GetDatabase().StreamAddAsync(Stream,
            [new NameValueEntry("id", envelope.Id.ToString()), new NameValueEntry("type", envelope.Type), new NameValueEntry("envelope", envelope.ToJson())]);
        return envelope;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, int seconds = 20)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!condition())
        {
            await Task.Delay(20, patience.Token);
        }
    }

    public static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;
}
