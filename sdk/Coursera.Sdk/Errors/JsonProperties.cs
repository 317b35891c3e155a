using System.Text.Json;

namespace Coursera.Sdk;

/// <summary>Reading error bodies leniently: a property that is missing or not a string is null, never an exception.</summary>
internal static class JsonProperties
{
    public static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
