using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coursera.Sdk.Webhooks;

/// <summary>
/// A verified webhook: its event type, when the event happened, and its data, raw or as the type's model
/// (<see cref="Events"/> namespace, one class per event type: <c>enrollment.completed</c> is
/// <see cref="Events.EnrollmentCompleted"/>).
/// </summary>
public sealed class WebhookEvent
{
    /// <summary>Web defaults; enum values are their names (<c>"ENTERPRISE"</c>), as the event schemas write them.</summary>
    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private object? _typedData;
    private bool _typed;

    private WebhookEvent(string id, string type, DateTimeOffset timestamp, JsonElement data)
    {
        Id = id;
        Type = type;
        Timestamp = timestamp;
        Data = data;
    }

    /// <summary>The message's id (<c>webhook-id</c>): the same for every delivery of one message, so use it to handle each once.</summary>
    public string Id { get; }

    /// <summary>The event type, e.g. <c>enrollment.completed</c> (see <see cref="WebhookEventTypes"/>).</summary>
    public string Type { get; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The event's data as sent.</summary>
    public JsonElement Data { get; }

    /// <summary>
    /// The data as its type's model, e.g. an <see cref="Events.EnrollmentCompleted"/>, ready for a <c>switch</c>; null for
    /// a type this version of the SDK has no model for (<c>webhook.test</c>, or one added since).
    /// </summary>
    public object? TypedData
    {
        get
        {
            if (!_typed)
            {
                _typedData = WebhookEventTypes.TryGetModel(Type, out var model) ? Data.Deserialize(model, DataJson) : null;
                _typed = true;
            }

            return _typedData;
        }
    }

    /// <summary>The data as <typeparamref name="T"/>, whatever the type (for a type the SDK has no model for, say).</summary>
    /// <typeparam name="T">A class with the data's properties.</typeparam>
    /// <exception cref="JsonException">The data does not fit <typeparamref name="T"/>.</exception>
    public T DataAs<T>() => Data.Deserialize<T>(DataJson) ?? throw new JsonException($"The data of {Type} is null.");

    /// <summary>The data as <typeparamref name="T"/> when <typeparamref name="T"/> is the model of this event's type.</summary>
    /// <typeparam name="T">An event model, e.g. <see cref="Events.EnrollmentCompleted"/>.</typeparam>
    /// <param name="data">The data, or null when the event is of another type.</param>
    /// <returns>Whether the event is of <typeparamref name="T"/>'s type.</returns>
    public bool TryGetData<T>([NotNullWhen(true)] out T? data)
        where T : class
    {
        data = TypedData as T;
        return data is not null;
    }

    /// <summary>The Standard Webhooks body, <c>{"type", "timestamp", "data"}</c>, of a message already verified.</summary>
    internal static WebhookEvent Parse(string id, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var type = root.GetProperty("type").GetString() ?? throw new JsonException("type is null.");
            var timestamp = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString() ?? throw new JsonException("timestamp is null."),
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            return new WebhookEvent(id, type, timestamp, root.TryGetProperty("data", out var data) ? data.Clone() : default);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new WebhookVerificationException("The signed body is not a webhook event ({\"type\", \"timestamp\", \"data\"}).", e);
        }
    }
}
