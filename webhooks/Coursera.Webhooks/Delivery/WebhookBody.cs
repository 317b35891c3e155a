using System.Text.Json;

namespace Coursera.Webhooks.Delivery;

/// <summary>The JSON body Standard Webhooks prescribes: <c>{"type", "timestamp", "data"}</c>.</summary>
public static class WebhookBody
{
    public static string Create(string type, DateTime timestamp, JsonElement data) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["type"] = type,
        ["timestamp"] = DateTime.SpecifyKind(timestamp, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = data,
    });
}
