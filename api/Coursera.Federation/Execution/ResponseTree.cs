using System.Text.Json.Nodes;
using Coursera.Federation.Planning;

namespace Coursera.Federation.Execution;

/// <summary>The merged response while a plan runs: subgraph results are folded into one JSON tree.</summary>
internal static class ResponseTree
{
    /// <summary>Moves every field of <paramref name="source"/> into <paramref name="target"/>, merging nested objects.</summary>
    public static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (name, value) in source.ToList())
        {
            if (target[name] is JsonObject existingObject && value is JsonObject incomingObject)
            {
                Merge(existingObject, incomingObject);
            }
            else if (target[name] is JsonArray existingArray && value is JsonArray incomingArray && existingArray.Count == incomingArray.Count)
            {
                for (var i = 0; i < existingArray.Count; i++)
                {
                    if (existingArray[i] is JsonObject a && incomingArray[i] is JsonObject b)
                    {
                        Merge(a, b);
                    }
                }
            }
            else
            {
                source.Remove(name);
                target[name] = value;
            }
        }
    }

    /// <summary>The objects found at <paramref name="path"/>, each with its response path for error reporting.</summary>
    public static List<(JsonObject Object, JsonArray Path)> Collect(JsonObject root, ResponsePath path)
    {
        var found = new List<(JsonObject, JsonArray)>();
        Walk(root, path.Segments, 0, [], found);
        return found;
    }

    private static void Walk(JsonNode? node, IReadOnlyList<string> segments, int index, List<JsonNode> trail, List<(JsonObject, JsonArray)> found)
    {
        if (node is null)
        {
            return;
        }

        if (index == segments.Count)
        {
            if (node is JsonObject obj)
            {
                found.Add((obj, new JsonArray([.. trail.Select(t => t.DeepClone())])));
            }

            return;
        }

        if (segments[index] == "@")
        {
            if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    trail.Add(i);
                    Walk(array[i], segments, index + 1, trail, found);
                    trail.RemoveAt(trail.Count - 1);
                }
            }

            return;
        }

        if (node is JsonObject parent && parent.TryGetPropertyValue(segments[index], out var child))
        {
            trail.Add(segments[index]);
            Walk(child, segments, index + 1, trail, found);
            trail.RemoveAt(trail.Count - 1);
        }
    }
}
