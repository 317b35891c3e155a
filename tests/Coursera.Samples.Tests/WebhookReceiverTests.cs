using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WebhookReceiver;

namespace Coursera.Samples.Tests;

/// <summary>
/// The receiver sample on a real loopback port, registered as the organization's endpoint: the platform's own
/// deliveries are verified, handled once, and a replay or a forgery is not handled.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class WebhookReceiverTests(SamplesPlatformApp platform) : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coursera-webhook-receiver").FullName;
    private WebApplication _receiver = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _receiver = ReceiverApp.Build(["--urls", "http://127.0.0.1:0", "--Receiver:InboxPath", Path.Combine(_folder, "inbox.jsonl"),
            "--Logging:LogLevel:Default", "Warning"], contentRoot: _folder);
        await _receiver.StartAsync();
        var address = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    [Fact]
    public async Task A_delivery_is_handled_once_and_its_replay_is_acknowledged_without_handling_it_again()
    {
        using var sdk = platform.OrganizationSdk();
        var created = await sdk.WebhookEndpoints.CreateWebhookEndpointAsync(new CreateWebhookEndpointRequest
        {
            Url = new Uri(_http.BaseAddress!, ReceiverApp.WebhookPath).ToString(),
            Description = "WebhookReceiver sample",
        });
        UseSecret(created.Secret);

        await sdk.WebhookEndpoints.SendTestWebhookAsync(created.Endpoint.Id);
        var test = await EventuallyAsync(async () => (await ProcessedAsync()).SingleOrDefault(m => m.Type == "webhook.test"));
        Assert.Equal("a test from the platform: the endpoint works", test.Summary);

        // The receiver asks for the message again by the webhook-id it stored. The replay is delivered (the platform
        // logs the receiver's 200 for a message already stored), and not handled again.
        var delivered = Assert.Single((await sdk.WebhookEndpoints.ListWebhookAttemptsAsync(created.Endpoint.Id, limit: 50)).Data);
        Assert.Equal((int)HttpStatusCode.Accepted, delivered.StatusCode);
        await sdk.WebhookEndpoints.ReplayWebhookMessagesAsync(created.Endpoint.Id, new ReplayWebhookMessagesRequest { MessageId = test.Id });
        var replayed = await EventuallyAsync(async () => (await sdk.WebhookEndpoints.ListWebhookAttemptsAsync(created.Endpoint.Id, limit: 50)).Data
            .FirstOrDefault(a => a.MessageId == delivered.MessageId && a.StatusCode == (int)HttpStatusCode.OK));
        Assert.True(replayed.Succeeded);
        Assert.Single(await ProcessedAsync(), m => m.Id == test.Id);
    }

    [Fact]
    public async Task A_forged_delivery_is_refused_and_not_stored()
    {
        UseSecret("whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        const string body = """{"type":"enrollment.completed","timestamp":"2026-12-03T12:00:00Z","data":{}}""";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var forged = Convert.ToBase64String(HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), Encoding.UTF8.GetBytes($"msg_forged.{timestamp}.{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, ReceiverApp.WebhookPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", "msg_forged");
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", "v1," + forged);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var inbox = Path.Combine(_folder, "inbox.jsonl");
        Assert.False(File.Exists(inbox) && (await File.ReadAllTextAsync(inbox)).Contains("msg_forged", StringComparison.Ordinal));
        Assert.Empty(await ProcessedAsync());
    }

    public async Task DisposeAsync()
    {
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    public void Dispose() => _http?.Dispose(); // null when the receiver did not start

    /// <summary>The secret goes into configuration once the platform has made it, as an operator would add it to appsettings.json.</summary>
    private void UseSecret(string secret) => _receiver.Configuration["Coursera:WebhookSecrets:0"] = secret;

    private async Task<List<ProcessedMessage>> ProcessedAsync() =>
        (await _http.GetFromJsonAsync<List<ProcessedMessage>>(ReceiverApp.WebhookPath + "/received"))!;

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> read, int seconds = 20)
        where T : class
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            if (await read() is { } found)
            {
                return found;
            }

            await Task.Delay(100, patience.Token);
        }
    }
}
