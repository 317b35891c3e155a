using GraphQLParser.AST;

namespace Coursera.Federation.Composition;

/// <summary>One named type of the supergraph and, per subgraph, how that subgraph declares it.</summary>
public sealed class SupergraphType(string name, TypeKind kind)
{
    public string Name { get; } = name;

    public TypeKind Kind { get; } = kind;

    public string? Description { get; internal set; }

    public bool Inaccessible { get; internal set; }

    /// <summary>Fields in the order they first appear across subgraphs.</summary>
    public List<SupergraphField> FieldList { get; } = [];

    public Dictionary<string, SupergraphField> Fields { get; } = [];

    /// <summary>Per subgraph: its keys and whether it only extends the type.</summary>
    public Dictionary<string, TypeSource> Sources { get; } = [];

    public List<string> Interfaces { get; } = [];

    public List<string> UnionMembers { get; } = [];

    /// <summary>Enum values or input fields, kept as AST to print them unchanged.</summary>
    public List<GraphQLEnumValueDefinition> EnumValues { get; } = [];

    public List<GraphQLInputValueDefinition> InputFields { get; } = [];

    public bool IsComposite => Kind is TypeKind.Object or TypeKind.Interface or TypeKind.Union;

    public bool IsAbstract => Kind is TypeKind.Interface or TypeKind.Union;

    /// <summary>The resolvable keys a subgraph declares, in declaration order.</summary>
    public IEnumerable<FieldSet> KeysIn(string subgraph) =>
        Sources.TryGetValue(subgraph, out var source) ? source.Keys.Where(k => k.Resolvable).Select(k => k.Fields) : [];

    public bool IsEntity => Sources.Values.Any(s => s.Keys.Count > 0);

    public override string ToString() => Name;
}

public sealed class TypeSource(string subgraph)
{
    public string Subgraph { get; } = subgraph;

    public List<KeyDefinition> Keys { get; } = [];

    public bool IsExtension { get; internal set; }

    /// <summary>Fields a Fed1 subgraph may resolve are all shareable; Fed2 needs <c>@shareable</c>.</summary>
    public bool IsFederation1 { get; internal set; }
}

public sealed record KeyDefinition(FieldSet Fields, bool Resolvable);
