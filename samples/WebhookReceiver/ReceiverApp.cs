using System.Threading.Channels;

namespace WebhookReceiver;

/// <summary>The receiver's services and routes, for <see cref="Program"/> and for tests that start it on a port of their choosing.</summary>
public static class ReceiverApp
{
    public const string WebhookPath = "/webhooks/coursera";

    /// <param name="args">Command-line configuration, e.g. <c>--urls http://0.0.0.0:8080 --Coursera:WebhookSecrets:0 whsec_…</c>.</param>
    /// <param name="contentRoot">Where appsettings.json is read from; the current folder when null.</param>
    public static WebApplication Build(string[] args, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
        builder.Services.AddSingleton(services => new WebhookInbox(
            Path.GetFullPath(services.GetRequiredService<IConfiguration>()["Receiver:InboxPath"] ?? "webhook-inbox.jsonl", builder.Environment.ContentRootPath)));

        // Unbounded: a message is already stored before it is queued, so the queue only decides when it is handled.
        builder.Services.AddSingleton(Channel.CreateUnbounded<InboxMessage>(new UnboundedChannelOptions { SingleReader = true }));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<WebhookProcessor>();

        var app = builder.Build();
        app.MapPost(WebhookPath, WebhookEndpoint.ReceiveAsync);
        app.MapGet(WebhookPath + "/received", (WebhookInbox inbox) => inbox.Processed());
        return app;
    }
}
