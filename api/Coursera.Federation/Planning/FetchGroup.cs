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

    /// <summary>Where the objects are; widened when twins under other type conditions join this group.</summary>
    public ResponsePath Path { get; set; } = path;

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

    /// <summary>The shape as text: two shapes with the same text build the same representation from the same object.</summary>
    public override string ToString() =>
        "{" + string.Join(" ", Fields.Select(f => f.Nested.Fields.Count == 0 ? $"{f.Name}:{f.ResponseName}" : $"{f.Name}:{f.ResponseName} {f.Nested}")) + "}";
}

internal sealed record RepresentationField(string Name, string ResponseName, RepresentationShape Nested);
