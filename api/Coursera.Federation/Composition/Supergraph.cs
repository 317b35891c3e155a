namespace Coursera.Federation.Composition;

/// <summary>
/// The composed federation, immutable after composition: every type and field with the subgraphs that can resolve
/// it, keys, <c>@requires</c>, <c>@provides</c>, <c>@external</c>, <c>@override</c> and <c>@inaccessible</c>.
/// </summary>
public sealed class Supergraph
{
    internal Supergraph(
        IReadOnlyList<SubgraphDefinition> subgraphs,
        IReadOnlyDictionary<string, SupergraphType> types,
        string queryType,
        string? mutationType,
        string? subscriptionType)
    {
        Subgraphs = subgraphs;
        Types = types;
        QueryType = queryType;
        MutationType = mutationType;
        SubscriptionType = subscriptionType;
        HasAccessRequirements = types.Values.Any(t => !t.Access.IsEmpty || t.FieldList.Any(f => !f.Access.IsEmpty));
        PublicSdl = SupergraphPrinter.PrintPublic(this);
        SupergraphSdl = SupergraphPrinter.PrintSupergraph(this);
    }

    public IReadOnlyList<SubgraphDefinition> Subgraphs { get; }

    public IReadOnlyDictionary<string, SupergraphType> Types { get; }

    public string QueryType { get; }

    public string? MutationType { get; }

    public string? SubscriptionType { get; }

    /// <summary>Whether any type or field carries <c>@authenticated</c>, <c>@requiresScopes</c> or <c>@policy</c>.</summary>
    public bool HasAccessRequirements { get; }

    /// <summary>The schema clients see: no federation plumbing, nothing <c>@inaccessible</c>.</summary>
    public string PublicSdl { get; }

    /// <summary>The supergraph with <c>@join__*</c> directives, in the format Apollo-compatible routers read.</summary>
    public string SupergraphSdl { get; }

    public SupergraphType Type(string name) => Types[name];

    /// <summary>The object types a value of <paramref name="type"/> can be at run time.</summary>
    public IEnumerable<SupergraphType> PossibleTypes(SupergraphType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            TypeKind.Object => [type],
            TypeKind.Union => type.UnionMembers.Select(Type),
            TypeKind.Interface => Types.Values.Where(t => t.Kind == TypeKind.Object && t.Interfaces.Contains(type.Name)),
            _ => [],
        };
    }

    /// <summary>
    /// The object types a value of <paramref name="type"/> can be when <paramref name="subgraph"/> returns it: only
    /// those the subgraph itself declares as implementations or members. Spreading any other type there would be
    /// invalid in that subgraph's schema.
    /// </summary>
    public IEnumerable<SupergraphType> PossibleTypesIn(SupergraphType type, string subgraph)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            TypeKind.Object => type.Sources.ContainsKey(subgraph) ? [type] : [],
            TypeKind.Union => type.Sources.TryGetValue(subgraph, out var union) ? union.UnionMembers.Select(Type) : [],
            TypeKind.Interface => Types.Values.Where(t => t.Kind == TypeKind.Object
                && t.Sources.TryGetValue(subgraph, out var source) && source.Interfaces.Contains(type.Name)),
            _ => [],
        };
    }
}
