using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coursera.Events;

/// <summary>
/// Every event the platform publishes, as docs/architecture.md describes it: a UUIDv7 id (the same on every delivery),
/// a dotted type from <see cref="Contracts.EventCatalog"/>, when it happened, which service says so, the tenants it
/// belongs to, what it is about (<see cref="Subject"/>, e.g. a course id) and the type's data.
/// </summary>
public sealed record EventEnvelope(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("occurredAt")] DateTime OccurredAt,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("partnerId")] Guid? PartnerId,
    [property: JsonPropertyName("organizationId")] Guid? OrganizationId,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("data")] JsonElement Data)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static EventEnvelope Create<TData>(string type, string source, string subject, TData data, DateTime occurredAt,
        Guid? partnerId = null, Guid? organizationId = null) =>
        new(EventIds.Next(), type, DateTime.SpecifyKind(occurredAt, DateTimeKind.Utc), source, partnerId, organizationId, subject,
            JsonSerializer.SerializeToElement(data, Json));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EventEnvelope FromJson(string json) =>
        JsonSerializer.Deserialize<EventEnvelope>(json, Json) ?? throw new JsonException("An event envelope cannot be null.");
}
