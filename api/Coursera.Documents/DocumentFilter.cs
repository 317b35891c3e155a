using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coursera.Documents;

/// <summary>
/// Which documents: equality and membership on fields named by JSON path, combined with and. Values are compared in
/// their JSON form (a <see cref="Guid"/> or a <see cref="DateTime"/> as the string System.Text.Json writes).
/// </summary>
public abstract record DocumentFilter
{
    /// <summary>Every document.</summary>
    public static DocumentFilter All { get; } = new AndFilter([]);

    public static DocumentFilter Eq(string path, object? value) => new EqFilter(DocumentPath.Parse(path), DocumentValue.From(value));

    public static DocumentFilter In(string path, IEnumerable<object?> values) =>
        new InFilter(DocumentPath.Parse(path), [.. values.Select(DocumentValue.From)]);

    public static DocumentFilter And(params DocumentFilter[] filters) => new AndFilter([.. filters]);

    public DocumentFilter And(DocumentFilter other) => And(this, other);
}

/// <summary>The field at <see cref="Path"/> equals <see cref="Value"/> (JSON null: the field is null or missing).</summary>
public sealed record EqFilter(DocumentPath Path, JsonNode? Value) : DocumentFilter;

/// <summary>The field at <see cref="Path"/> equals one of <see cref="Values"/>.</summary>
public sealed record InFilter(DocumentPath Path, IReadOnlyList<JsonNode?> Values) : DocumentFilter;

/// <summary>Every one of <see cref="Filters"/> holds (none: every document).</summary>
public sealed record AndFilter(IReadOnlyList<DocumentFilter> Filters) : DocumentFilter;

/// <summary>A field's path, <c>"items.abc.state"</c>: segments separated by dots, none empty.</summary>
public sealed record DocumentPath(IReadOnlyList<string> Segments)
{
    public static DocumentPath Parse(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var segments = path.Split('.');
        if (segments.Any(s => s.Length == 0 || s.StartsWith('$')))
        {
            throw new ArgumentException($"'{path}' is not a document path.", nameof(path));
        }

        return new DocumentPath(segments);
    }

    public override string ToString() => string.Join('.', Segments);
}

/// <summary>Values as the documents hold them: what System.Text.Json writes for them with web defaults.</summary>
public static class DocumentValue
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public static JsonNode? From(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), Json),
    };
}
