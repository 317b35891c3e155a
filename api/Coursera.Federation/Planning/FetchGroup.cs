using Coursera.Federation.Composition;

namespace Coursera.Federation.Planning;

/// <summary>
/// One request to one subgraph, as planning builds it: a root fetch, or an <c>_entities</c> fetch for the objects
/// of one type found at one response path. It runs after the groups it depends on.
/// </summary>
internal sealed class FetchGroup(int id, string subgraph, SupergraphType? entityType, ResponsePath path)
{
    public int Id { get; } = id;

    public string Subgraph { get; } = subgraph;

    /// <summary>The entity type for an <c>_entities</c> fetch; null for a root fetch.</summary>
    public SupergraphType? EntityType { get; } = entityType;

    public ResponsePath Path { get; } = path;

    public SubgraphSelection Selection { get; } = new();

    /// <summary>The fields of each representation (<c>__typename</c> is always sent), with where they sit in the response.</summary>
    public RepresentationShape Representation { get; } = new();

    public HashSet<FetchGroup> DependsOn { get; } = [];

    public bool IsEntityFetch => EntityType is not null;

    public override string ToString() => $"#{Id} {Subgraph} {EntityType?.Name ?? "root"} at {Path}";
}

/// <summary>The fields a representation carries: key fields and required fields, possibly nested.</summary>
internal sealed class RepresentationShape
{
    public List<RepresentationField> Fields { get; } = [];

    public RepresentationShape Field(string name, string responseName)
    {
        var existing = Fields.FirstOrDefault(f => f.Name == name);
        if (existing is null)
        {
            existing = new RepresentationField(name, responseName, new RepresentationShape());
            Fields.Add(existing);
        }

        return existing.Nested;
    }
}

internal sealed record RepresentationField(string Name, string ResponseName, RepresentationShape Nested);

/// <summary>
/// Where objects sit in the response: field response names, with <c>@</c> standing for "each element of a list".
/// </summary>
public sealed class ResponsePath : IEquatable<ResponsePath>
{
    public static readonly ResponsePath Root = new([]);

    private readonly string[] _segments;

    private ResponsePath(string[] segments) => _segments = segments;

    public IReadOnlyList<string> Segments => _segments;

    public ResponsePath Append(string segment) => new([.. _segments, segment]);

    public ResponsePath Append(string responseName, int listDepth)
    {
        var segments = new List<string>(_segments) { responseName };
        for (var i = 0; i < listDepth; i++)
        {
            segments.Add("@");
        }

        return new([.. segments]);
    }

    public bool Equals(ResponsePath? other) => other is not null && _segments.SequenceEqual(other._segments);

    public override bool Equals(object? obj) => Equals(obj as ResponsePath);

    public override int GetHashCode() => string.Join('.', _segments).GetHashCode(StringComparison.Ordinal);

    public override string ToString() => _segments.Length == 0 ? "(root)" : string.Join('.', _segments);
}
