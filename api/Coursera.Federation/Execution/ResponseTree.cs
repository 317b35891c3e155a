using System.Buffers;
using System.Text.Json.Nodes;
using Coursera.Federation.Planning;

namespace Coursera.Federation.Execution;

/// <summary>The merged response while a plan runs: subgraph results are folded into one JSON tree.</summary>
internal static class ResponseTree
{
    /// <summary>Where the gateway fetched <c>__typename</c> for itself when the client took the name for another field.</summary>
    private static readonly string InternalTypename = SubgraphSelection.InternalName("__typename");

    /// <summary>Moves every field of <paramref name="source"/> into <paramref name="target"/>, merging nested objects.</summary>
    public static void Merge(JsonObject target, JsonObject source)
    {
        var count = source.Count;
        if (count == 0)
        {
            return;
        }

        // A node has one parent: clearing the source detaches all its values at once, so that each can move under
        // the target (removing them one by one would shift the source's property list for every field).
        var entries = ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Rent(count);
        try
        {
            ((ICollection<KeyValuePair<string, JsonNode?>>)source).CopyTo(entries, 0);
            source.Clear();
            for (var i = 0; i < count; i++)
            {
                var (name, value) = entries[i];
                if (!target.TryGetPropertyValue(name, out var existing))
                {
                    target.Add(name, value);
                }
                else if (existing is JsonObject existingObject && value is JsonObject incomingObject)
                {
                    Merge(existingObject, incomingObject);
                }
                else if (existing is JsonArray existingArray && value is JsonArray incomingArray && existingArray.Count == incomingArray.Count)
                {
                    for (var j = 0; j < existingArray.Count; j++)
                    {
                        if (existingArray[j] is JsonObject a && incomingArray[j] is JsonObject b)
                        {
                            Merge(a, b);
                        }
                    }
                }
                else
                {
                    target[name] = value;
                }
            }
        }
        finally
        {
            entries.AsSpan(0, count).Clear();
            ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Return(entries);
        }
    }

    /// <summary>
    /// The objects found at <paramref name="path"/>. Their response paths are not recorded: an object's path follows
    /// from its parents (<see cref="PathOf"/>), and is needed only for an error.
    /// </summary>
    public static List<JsonObject> Collect(JsonObject root, ResponsePath path)
    {
        var found = new List<JsonObject>();
        Walk(root, path, 0, found);
        return found;
    }

    /// <summary>
    /// The response path of <paramref name="node"/> in the tree under <paramref name="root"/>, as a GraphQL error
    /// carries it, followed by <paramref name="suffix"/>; null when the node is no longer in that tree.
    /// </summary>
    public static JsonArray? PathOf(JsonObject root, JsonNode node, IEnumerable<JsonNode?>? suffix = null)
    {
        var segments = new List<JsonNode?>();
        var current = node;
        while (current != root)
        {
            switch (current.Parent)
            {
                case JsonObject:
                    segments.Add(JsonValue.Create(current.GetPropertyName()));
                    break;
                case JsonArray:
                    segments.Add(JsonValue.Create(current.GetElementIndex()));
                    break;
                default:
                    return null; // detached: replaced by another fetch's value meanwhile
            }

            current = current.Parent;
        }

        segments.Reverse();
        if (suffix is not null)
        {
            segments.AddRange(suffix);
        }

        return new JsonArray([.. segments]);
    }

    private static void Walk(JsonNode? node, ResponsePath path, int index, List<JsonObject> found)
    {
        if (node is null)
        {
            return;
        }

        var segments = path.Segments;
        if (index == segments.Count)
        {
            if (node is JsonObject obj)
            {
                found.Add(obj);
            }

            return;
        }

        if (path.TypeCondition(index) is { } typeNames)
        {
            // Only the objects of the fragment's types: the others at this path belong to other fragments' fetches.
            if (node is JsonObject typed && TypeName(typed) is { } typeName && typeNames.Contains(typeName))
            {
                Walk(node, path, index + 1, found);
            }

            return;
        }

        if (segments[index] == "@")
        {
            if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], path, index + 1, found);
                }
            }

            return;
        }

        if (node is JsonObject parent && parent.TryGetPropertyValue(segments[index], out var child))
        {
            Walk(child, path, index + 1, found);
        }
    }

    /// <summary>
    /// The object's runtime type, as the subgraph that returned it named it: under the gateway's own name for
    /// <c>__typename</c> where the client uses <c>__typename</c> as an alias for another field.
    /// </summary>
    public static string? TypeName(JsonObject obj) =>
        (obj.TryGetPropertyValue(InternalTypename, out var node) || obj.TryGetPropertyValue("__typename", out node))
        && node is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;
}
