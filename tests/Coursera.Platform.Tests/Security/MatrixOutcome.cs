using System.Text.Json.Nodes;
using Coursera.Testing;

namespace Coursera.Platform.Tests.Security;

/// <summary>What a caller got from one field, as far as authorization goes.</summary>
public enum MatrixVerdict
{
    /// <summary>UNAUTHENTICATED or FORBIDDEN, as an error or as the payload's user error.</summary>
    Refused,

    /// <summary>Nothing: null, an empty list or page, NOT_FOUND.</summary>
    Nothing,

    /// <summary>Let through, and told what was wrong with the input (a user error, BAD_USER_INPUT).</summary>
    InputRefused,

    /// <summary>Let through: data came back.</summary>
    Data,

    /// <summary>The operation itself failed (a 500, INTERNAL, a validation error of the generated operation): not an answer about access.</summary>
    Broken,
}

/// <summary>The verdict of one response, with the code that decided it.</summary>
public sealed record MatrixOutcome(MatrixVerdict Verdict, string? Code)
{
    private static readonly HashSet<string> RefusalCodes = ["UNAUTHENTICATED", "FORBIDDEN"];
    private static readonly HashSet<string> BrokenCodes = ["INTERNAL", "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED", "BAD_REQUEST"];

    public static MatrixOutcome Of(GraphQLResponse response, string field)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode >= 500)
        {
            return new(MatrixVerdict.Broken, $"HTTP {response.StatusCode}");
        }

        if (response.Errors is { Count: > 0 } errors)
        {
            var codes = errors.Select(e => e?["extensions"]?["code"]?.GetValue<string>() ?? "NO_CODE").ToList();
            var code = codes.FirstOrDefault(RefusalCodes.Contains) ?? codes.FirstOrDefault(BrokenCodes.Contains) ?? codes[0];
            return code switch
            {
                _ when RefusalCodes.Contains(code) => new(MatrixVerdict.Refused, code),
                _ when BrokenCodes.Contains(code) || code == "NO_CODE" => new(MatrixVerdict.Broken, code),
                "NOT_FOUND" => new(MatrixVerdict.Nothing, code),
                _ => new(MatrixVerdict.InputRefused, code),
            };
        }

        if (response.StatusCode >= 400)
        {
            return new(MatrixVerdict.Broken, $"HTTP {response.StatusCode}");
        }

        return OfData(response.Data?[field]);
    }

    private static MatrixOutcome OfData(JsonNode? data)
    {
        switch (data)
        {
            case null:
                return new(MatrixVerdict.Nothing, "null");
            case JsonArray { Count: 0 }:
                return new(MatrixVerdict.Nothing, "[]");
            case JsonObject payload when payload["errors"] is JsonArray { Count: > 0 } userErrors:
                var code = userErrors[0]?["code"]?.GetValue<string>() ?? "NO_CODE";
                return RefusalCodes.Contains(code) ? new(MatrixVerdict.Refused, code)
                    : code.EndsWith("NOT_FOUND", StringComparison.Ordinal) ? new(MatrixVerdict.Nothing, code)
                    : new(MatrixVerdict.InputRefused, code);
            case JsonObject page when (page["nodes"] ?? page["edges"]) is JsonArray { Count: 0 }:
                return new(MatrixVerdict.Nothing, "empty page");
            default:
                return new(MatrixVerdict.Data, null);
        }
    }

    public override string ToString() => Code is null ? Verdict.ToString() : $"{Verdict} ({Code})";
}
