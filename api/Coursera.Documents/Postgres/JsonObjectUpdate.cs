using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coursera.Documents.Postgres;

/// <summary>
/// Applies a <see cref="DocumentUpdate"/> to a document in memory, with MongoDB's meaning of each operation, so that
/// the PostgreSQL adapter can do in a locked read-modify-write what MongoDB does on the server.
/// </summary>
internal static class JsonObjectUpdate
{
    /// <exception cref="InvalidOperationException">
    /// An operation cannot apply (a path through a value that is not an object, a number operation on a non-number):
    /// MongoDB refuses these too, and the caller's transaction then changes nothing.
    /// </exception>
    public static void Apply(JsonObject document, DocumentUpdate update)
    {
        foreach (var operation in update.Operations)
        {
            Apply(document, operation);
        }
    }

    private static void Apply(JsonObject document, DocumentUpdateOperation operation)
    {
        var key = operation.Path.Segments[^1];
        if (operation.Kind == DocumentUpdateKind.Unset)
        {
            ExistingParent(document, operation.Path)?.Remove(key);
            return;
        }

        var parent = Parent(document, operation.Path);
        var found = parent.TryGetPropertyValue(key, out var current);
        switch (operation.Kind)
        {
            case DocumentUpdateKind.Set:
                parent[key] = operation.Value?.DeepClone();
                break;
            case DocumentUpdateKind.Inc:
                parent[key] = found
                    ? Add(ReadNumber(current, operation), ReadNumber(operation.Value, operation))
                    : Normalized(ReadNumber(operation.Value, operation));
                break;
            case DocumentUpdateKind.Max:
                // As in MongoDB, null sorts below every number.
                var operand = ReadNumber(operation.Value, operation);
                if (!found || current is null || current.GetValueKind() == JsonValueKind.Null || Number.Compare(operand, ReadNumber(current, operation)) > 0)
                {
                    parent[key] = Normalized(operand);
                }

                break;
            default:
                throw new NotSupportedException($"Update operation {operation.Kind} is not supported.");
        }
    }

    /// <summary>The object that holds the path's last segment, creating missing objects on the way.</summary>
    private static JsonObject Parent(JsonObject document, DocumentPath path)
    {
        var current = document;
        for (var i = 0; i < path.Segments.Count - 1; i++)
        {
            var segment = path.Segments[i];
            if (!current.TryGetPropertyValue(segment, out var child))
            {
                var created = new JsonObject();
                current[segment] = created;
                current = created;
            }
            else
            {
                current = child as JsonObject ?? throw new InvalidOperationException(
                    $"Cannot update '{path}': '{string.Join('.', path.Segments.Take(i + 1))}' is not an object.");
            }
        }

        return current;
    }

    private static JsonObject? ExistingParent(JsonObject document, DocumentPath path)
    {
        JsonObject? current = document;
        for (var i = 0; i < path.Segments.Count - 1 && current is not null; i++)
        {
            current = current[path.Segments[i]] as JsonObject;
        }

        return current;
    }

    private static Number ReadNumber(JsonNode? node, DocumentUpdateOperation operation)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            // The JSON text is the one representation every kind of JsonValue (parsed or created) agrees on.
            var text = value.ToJsonString();
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
                ? new Number(exact, (double)exact)
                : new Number(null, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        throw new InvalidOperationException($"Cannot apply {operation.Kind} to '{operation.Path}': its value is not a number.");
    }

    private static JsonValue Add(Number left, Number right)
    {
        if (left.Exact is { } l && right.Exact is { } r)
        {
            try
            {
                var sum = l + r;
                return Normalized(new Number(sum, (double)sum));
            }
            catch (OverflowException)
            {
                // Beyond decimal's range the sum is a double, as it would be in MongoDB.
            }
        }

        return JsonValue.Create(left.Approximate + right.Approximate);
    }

    /// <summary>
    /// Whole numbers are written without a fraction, so that a counter made by Inc reads back into an int property
    /// (System.Text.Json refuses <c>1.0</c> there).
    /// </summary>
    private static JsonValue Normalized(Number number) => number.Exact switch
    {
        { } exact when exact == decimal.Truncate(exact) && exact is >= long.MinValue and <= long.MaxValue => JsonValue.Create((long)exact),
        { } exact => JsonValue.Create(exact),
        null => JsonValue.Create(number.Approximate),
    };

    /// <summary>A JSON number: exactly as a decimal where it fits (so sums of cents stay exact), else as a double.</summary>
    private readonly record struct Number(decimal? Exact, double Approximate)
    {
        public static int Compare(Number left, Number right) =>
            left.Exact is { } l && right.Exact is { } r ? l.CompareTo(r) : left.Approximate.CompareTo(right.Approximate);
    }
}
