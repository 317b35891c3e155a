using System.Text.Json;

namespace Coursera.Sdk;

/// <summary>One input at fault in a refused request (the <c>errors</c> of a 422 problem details).</summary>
/// <param name="Code">Stable and machine-readable, e.g. <c>EMAIL_INVALID</c>.</param>
/// <param name="Message">What is wrong with the input, for a person.</param>
/// <param name="Path">Where the input is in the request body, e.g. <c>["members", "2", "email"]</c>.</param>
public sealed record ProblemError(string? Code, string? Message, IReadOnlyList<string> Path)
{
    internal static ProblemError From(JsonElement error) => new(
        JsonProperties.String(error, "code"),
        JsonProperties.String(error, "message"),
        error.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.Array
            ? [.. path.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString()! : p.GetRawText())]
            : []);
}
