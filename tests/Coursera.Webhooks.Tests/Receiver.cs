using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coursera.Webhooks.Tests;

/// <summary>An integrator's endpoint on a real socket: records every request, and answers what the test says.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private WebApplication _app = null!;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status code answered; 200 unless a test says otherwise.</summary>
    public int Status { get; set; } = StatusCodes.Status200OK;

    public string Url { get; private set; } = "";

    /// <summary>A <c>Retry-After</c> header (seconds) on every answer, when set.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>How long each answer takes.</summary>
    public TimeSpan Delay { get; set; }

    public static async Task<Receiver> StartAsync()
    {
        var receiver = new Receiver();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        receiver._app = builder.Build();
        receiver._app.MapPost("/hooks", async (HttpContext http) =>
        {
            if (receiver.Delay > TimeSpan.Zero)
            {
                await Task.Delay(receiver.Delay);
            }

            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Requests.Enqueue(new Received(
                http.Request.Headers["webhook-id"].ToString(),
                http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(),
                body,
                receiver.Status,
                DateTime.UtcNow));
            http.Response.StatusCode = receiver.Status;
            if (receiver.RetryAfterSeconds is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        });
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks";
        return receiver;
    }

    /// <summary>The distinct webhook ids answered with a 2xx.</summary>
    public HashSet<string> Delivered => [.. Requests.Where(r => r.Status is >= 200 and < 300).Select(r => r.WebhookId)];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record Received(string WebhookId, string Timestamp, string Signature, string Body, int Status, DateTime At);
}
