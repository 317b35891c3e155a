using System.Text.Json.Nodes;

namespace Coursera.StripeEmulator;

/// <summary>
/// Stripe's request bodies: <c>application/x-www-form-urlencoded</c> with bracketed paths
/// (<c>line_items[0][price]=…</c>, <c>metadata[order]=…</c>), read into the JSON they stand for.
/// </summary>
public static class FormBody
{
    public static async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = new JsonObject();
        if (request.HasFormContentType)
        {
            foreach (var (key, values) in await request.ReadFormAsync())
            {
                Set(root, Path(key), values.ToString());
            }
        }

        foreach (var (key, values) in request.Query)
        {
            Set(root, Path(key), values.ToString());
        }

        return root;
    }

    private static List<string> Path(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return [key];
        }

        var parts = new List<string> { key[..open] };
        parts.AddRange(key[open..].Split('[', StringSplitOptions.RemoveEmptyEntries).Select(p => p.TrimEnd(']')));
        return parts;
    }

    // Index segments ("0", "1", or "" for key[]=) become arrays in order; the rest nested objects.
    private static void Set(JsonObject root, List<string> path, string value)
    {
        JsonNode node = root;
        for (var i = 0; i < path.Count; i++)
        {
            var last = i == path.Count - 1;
            var nextIsIndex = !last && (path[i + 1].Length == 0 || int.TryParse(path[i + 1], out _));
            switch (node)
            {
                case JsonObject obj:
                    if (last)
                    {
                        obj[path[i]] = value;
                        return;
                    }

                    node = obj[path[i]] ??= nextIsIndex ? new JsonArray() : new JsonObject();
                    break;
                case JsonArray array:
                    var index = path[i].Length == 0 ? array.Count : int.Parse(path[i], System.Globalization.CultureInfo.InvariantCulture);
                    while (array.Count <= index)
                    {
                        array.Add(last ? null : nextIsIndex ? new JsonArray() : new JsonObject());
                    }

                    if (last)
                    {
                        array[index] = value;
                        return;
                    }

                    node = array[index] ??= nextIsIndex ? new JsonArray() : new JsonObject();
                    break;
            }
        }
    }
}
