using System.Text.Json;

namespace WebhookReceiver;

/// <summary>A verified webhook as the inbox keeps it: enough to handle it again after a restart, without its signature.</summary>
public sealed record InboxMessage(string Id, string Type, DateTimeOffset Timestamp, JsonElement Data, DateTimeOffset ReceivedAt);

/// <summary>A message once handled, as <c>GET /webhooks/coursera/received</c> lists it.</summary>
public sealed record ProcessedMessage(string Id, string Type, DateTimeOffset ReceivedAt, DateTimeOffset ProcessedAt, string Summary);
