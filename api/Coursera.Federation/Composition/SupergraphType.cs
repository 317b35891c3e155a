using GraphQLParser.AST;

namespace Coursera.Federation.Composition;

/// <summary>One named type of the supergraph and, per subgraph, how that subgraph declares it.</summary>
public sealed class SupergraphType(string name, TypeKind kind)
{
    public string Name { get; } = name;

    public TypeKind Kind { get; } = kind;

    public string? Description { get; internal set; }

    public bool Inaccessible { get; internal set; }

    /// <summary>What a caller needs to select any field that returns this type (<c>@authenticated</c>, <c>@requiresScopes</c>, <c>@policy</c>).</summary>
    public AccessRequirements Access { get; } = new();

    /// <summary><c>@cost(weight:)</c>: what each field returning this type costs, unless the field states its own.</summary>
    public int? CostWeight { get; internal set; }

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

    /// <summary>
    /// The subgraphs that can be asked about an object of this type that <paramref name="start"/> returned: those
    /// with a resolvable key whose fields the subgraphs reached so far resolve, transitively; in the order they
    /// become reachable.
    /// </summary>
    public IReadOnlyList<string> ReachableSubgraphs(string start)
    {
        var reached = new List<string> { start };
        bool grew;
        do
        {
            grew = false;
            foreach (var candidate in Sources.Keys.Where(s => !reached.Contains(s)).ToList())
            {
                if (KeysIn(candidate).Any(key => key.Fields.All(k =>
                    Fields.TryGetValue(k.Name.StringValue, out var keyField) && keyField.ResolvingSubgraphs.Any(reached.Contains))))
                {
                    reached.Add(candidate);
                    grew = true;
                }
            }
        }
        while (grew);
        return reached;
    }

    public override string ToString() => Name;
}

public sealed class TypeSource(string subgraph)
{
    public string Subgraph { get; } = subgraph;

    public List<KeyDefinition> Keys { get; } = [];

    public bool IsExtension { get; internal set; }

    /// <summary>
    /// The interfaces this subgraph says the type implements (<c>@join__implements</c>): a subgraph returns the
    /// type in an interface position only if it declares the implementation itself.
    /// </summary>
    public List<string> Interfaces { get; } = [];

    /// <summary>The union's members in this subgraph (<c>@join__unionMember</c>).</summary>
    public List<string> UnionMembers { get; } = [];

    /// <summary>Fields a Fed1 subgraph may resolve are all shareable; Fed2 needs <c>@shareable</c>.</summary>
    public bool IsFederation1 { get; internal set; }
}

public sealed record KeyDefinition(FieldSet Fields, bool Resolvable);
