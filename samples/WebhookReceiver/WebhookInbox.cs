using System.Text;
using System.Text.Json;

namespace WebhookReceiver;

/// <summary>
/// The messages received, each once by its <c>webhook-id</c>, and which of them were handled: an append-only JSON-lines
/// file read back at start. A message is on disk before the platform gets its 2xx, so a crash loses none; one received
/// but not handled before a crash is handled after the restart.
/// </summary>
public sealed class WebhookInbox
{
    private sealed record Line(InboxMessage? Received = null, ProcessedMessage? Processed = null);

    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly Dictionary<string, InboxMessage> _received = [];
    private readonly List<ProcessedMessage> _processed = [];

    public WebhookInbox(string path)
    {
        _path = path;
        if (!File.Exists(path))
        {
            return;
        }

        foreach (var text in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var line = JsonSerializer.Deserialize<Line>(text, JsonSerializerOptions.Web);
            if (line?.Received is { } received)
            {
                _received[received.Id] = received;
            }
            else if (line?.Processed is { } processed)
            {
                _processed.Add(processed);
            }
        }
    }

    /// <returns>False when a message with this id was received before: a retry or a replay.</returns>
    public bool TryAdd(InboxMessage message)
    {
        lock (_gate)
        {
            if (!_received.TryAdd(message.Id, message))
            {
                return false;
            }

            Append(new Line(Received: message));
            return true;
        }
    }

    public void MarkProcessed(ProcessedMessage message)
    {
        lock (_gate)
        {
            Append(new Line(Processed: message));
            _processed.Add(message);
        }
    }

    /// <summary>Received and not handled yet: what a crash interrupted.</summary>
    public List<InboxMessage> Unprocessed()
    {
        lock (_gate)
        {
            var done = _processed.Select(p => p.Id).ToHashSet();
            return [.. _received.Values.Where(m => !done.Contains(m.Id)).OrderBy(m => m.ReceivedAt)];
        }
    }

    public List<ProcessedMessage> Processed()
    {
        lock (_gate)
        {
            return [.. _processed];
        }
    }

    private void Append(Line line)
    {
        using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
        file.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, JsonSerializerOptions.Web) + "\n"));
        file.Flush(flushToDisk: true); // on disk, not only in the OS's cache, before the platform hears 2xx
    }
}
