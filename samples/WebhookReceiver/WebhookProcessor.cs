using System.Threading.Channels;

namespace WebhookReceiver;

/// <summary>
/// Handles the stored messages one by one, after their delivery was answered: first those a restart interrupted, then
/// each new one. Handling here means printing what happened; a real integration updates its own records.
/// </summary>
public sealed partial class WebhookProcessor(WebhookInbox inbox, Channel<InboxMessage> queue, TimeProvider clock, ILogger<WebhookProcessor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var interrupted in inbox.Unprocessed())
        {
            Handle(interrupted);
        }

        await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken))
        {
            Handle(message);
        }
    }

    private void Handle(InboxMessage message)
    {
        var summary = EventSummary.Of(message);
        LogHandled(logger, message.Type, message.Id, summary);
        inbox.MarkProcessed(new ProcessedMessage(message.Id, message.Type, message.ReceivedAt, clock.GetUtcNow(), summary));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Type} ({Id}): {Summary}")]
    private static partial void LogHandled(ILogger logger, string type, string id, string summary);
}
