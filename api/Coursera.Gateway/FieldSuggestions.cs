using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace Coursera.Gateway;

/// <summary>
/// "Did you mean" hints help developers and help attackers map a schema with introspection off. Removed from every
/// error the gateway returns, its own validation errors and those passed on from subgraphs alike, as the subgraphs'
/// error provider does.
/// </summary>
internal static partial class FieldSuggestions
{
    public static void Strip(JsonObject response)
    {
        if (response["errors"] is not JsonArray errors)
        {
            return;
        }

        foreach (var error in errors)
        {
            if (error?["message"] is JsonValue message && message.TryGetValue<string>(out var text) && text.Contains("Did you mean", StringComparison.Ordinal))
            {
                error["message"] = Suggestion().Replace(text, string.Empty);
            }
        }
    }

    [GeneratedRegex(@"\s*Did you mean[^?]*\?", RegexOptions.CultureInvariant)]
    private static partial Regex Suggestion();
}
