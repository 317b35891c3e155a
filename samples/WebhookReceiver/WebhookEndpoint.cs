using System.Threading.Channels;
using Coursera.Sdk.Webhooks;

namespace WebhookReceiver;

/// <summary>
/// <c>POST /webhooks/coursera</c>: verifies the Standard Webhooks signature, stores the message once by its
/// <c>webhook-id</c>, and answers at once; <see cref="WebhookProcessor"/> handles it after. The platform counts a slow
/// answer as a failure and delivers again, so nothing slow happens before the answer.
/// </summary>
public static partial class WebhookEndpoint
{
    public static async Task<IResult> ReceiveAsync(HttpRequest request, IConfiguration configuration, WebhookInbox inbox, Channel<InboxMessage> queue,
        TimeProvider clock, ILoggerFactory loggers)
    {
        // Read on every request rather than once: appsettings.json reloads when it changes, so a rotated secret is
        // taken without a restart. During a rotation the platform signs with both secrets; list both.
        var secrets = configuration.GetSection("Coursera:WebhookSecrets").Get<string[]>() ?? [];
        if (secrets.Length == 0)
        {
            // 503: the platform tries again later, by when the secret may be configured.
            return Results.Problem("No webhook secret is configured (Coursera:WebhookSecrets).", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // The signature covers the exact bytes sent: verify the raw body, before any JSON parsing.
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        WebhookEvent webhook;
        try
        {
            webhook = new WebhookVerifier(secrets).Verify(name => request.Headers[name].FirstOrDefault(), body);
        }
        catch (WebhookVerificationException e)
        {
            LogRefused(loggers.CreateLogger(typeof(WebhookEndpoint)), e.Message);
            return Results.Problem(e.Message, statusCode: StatusCodes.Status401Unauthorized);
        }

        // A retry or a replay of a message already stored: acknowledge it so the platform stops, and do nothing.
        var message = new InboxMessage(webhook.Id, webhook.Type, webhook.Timestamp, webhook.Data, clock.GetUtcNow());
        if (!inbox.TryAdd(message))
        {
            return Results.Ok(new { webhook.Id, duplicate = true });
        }

        queue.Writer.TryWrite(message); // an unbounded queue always takes it
        return Results.Accepted(value: new { webhook.Id, duplicate = false });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a webhook: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
