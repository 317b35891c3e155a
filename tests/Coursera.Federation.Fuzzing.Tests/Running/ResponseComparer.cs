using System.Text.Json.Nodes;

namespace Coursera.Federation.Fuzzing.Running;

/// <summary>How two responses differ: what (<see cref="Kind"/>), where first, and a fingerprint to group by.</summary>
internal sealed record Difference(string Kind, string Where)
{
    /// <summary>The kind and place with list indices folded, so one bug seen through many operations groups once.</summary>
    public string Fingerprint => Kind + " " + System.Text.RegularExpressions.Regex.Replace(Where, @"\[\d+\]", "[@]");

    public override string ToString() => $"{Kind} at {Where}";
}

/// <summary>
/// Compares a reference response with ours: <c>data</c> exactly (values and key order, as GraphQL orders a response
/// by the selection), errors by presence, count and paths (as a multiset; messages are each gateway's own wording).
/// </summary>
internal static class ResponseComparer
{
    public static Difference? Compare(JsonObject reference, JsonObject ours)
    {
        if (reference.ContainsKey("data") != ours.ContainsKey("data"))
        {
            return new Difference("data-presence", reference.ContainsKey("data") ? "ours has no data (request error)" : "reference has no data (request error)");
        }

        var where = FirstDifference(reference["data"], ours["data"], "data");
        if (where is not null)
        {
            return new Difference("data", where);
        }

        var referenceErrors = Errors(reference);
        var ourErrors = Errors(ours);
        if (referenceErrors.Count == 0 != (ourErrors.Count == 0))
        {
            return new Difference("errors-presence", string.Join(" ", (referenceErrors.Count > 0 ? referenceErrors : ourErrors).Take(3)));
        }

        if (referenceErrors.Count != ourErrors.Count)
        {
            return new Difference("errors-count", $"{referenceErrors.Count} vs {ourErrors.Count}");
        }

        if (!referenceErrors.Order(StringComparer.Ordinal).SequenceEqual(ourErrors.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            var missing = referenceErrors.Except(ourErrors, StringComparer.Ordinal).FirstOrDefault()
                ?? ourErrors.Except(referenceErrors, StringComparer.Ordinal).FirstOrDefault();
            return new Difference("errors-path", missing ?? "(multiplicity)");
        }

        return null;
    }

    /// <summary>Each error's path as JSON (<c>-</c> when it has none).</summary>
    private static List<string> Errors(JsonObject response) =>
        response["errors"] is JsonArray errors
            ? [.. errors.Select(e => e?["path"] is JsonArray path ? path.ToJsonString() : "-")]
            : [];

    private static string? FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        switch (a)
        {
            case null:
                return b is null ? null : path;
            case JsonObject objectA when b is JsonObject objectB:
                var keysA = objectA.Select(p => p.Key).ToList();
                var keysB = objectB.Select(p => p.Key).ToList();
                for (var i = 0; i < Math.Min(keysA.Count, keysB.Count); i++)
                {
                    if (keysA[i] != keysB[i])
                    {
                        return $"{path} (keys {string.Join(",", keysA)} vs {string.Join(",", keysB)})";
                    }

                    var inner = FirstDifference(objectA[keysA[i]], objectB[keysB[i]], $"{path}.{keysA[i]}");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return keysA.Count == keysB.Count ? null : $"{path} (keys {string.Join(",", keysA)} vs {string.Join(",", keysB)})";
            case JsonArray arrayA when b is JsonArray arrayB:
                for (var i = 0; i < Math.Min(arrayA.Count, arrayB.Count); i++)
                {
                    var inner = FirstDifference(arrayA[i], arrayB[i], $"{path}[{i}]");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return arrayA.Count == arrayB.Count ? null : $"{path} (length {arrayA.Count} vs {arrayB.Count})";
            case JsonValue when b is JsonValue:
                return a.ToJsonString() == b.ToJsonString() ? null : path;
            default:
                return path;
        }
    }
}
