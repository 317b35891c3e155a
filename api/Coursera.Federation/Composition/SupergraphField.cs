using GraphQLParser.AST;

namespace Coursera.Federation.Composition;

/// <summary>A field of a supergraph type and, per subgraph, whether and how that subgraph resolves it.</summary>
public sealed class SupergraphField(string name, GraphQLType type)
{
    public string Name { get; } = name;

    /// <summary>The field's type in the public schema (the most permissive nullability the subgraphs agree on).</summary>
    public GraphQLType Type { get; internal set; } = type;

    public string TypeName => Type.NamedTypeName();

    public GraphQLArgumentsDefinition? Arguments { get; internal set; }

    public string? Description { get; internal set; }

    public GraphQLDirective? Deprecated { get; internal set; }

    public bool Inaccessible { get; internal set; }

    /// <summary>What a caller needs to select this field (<c>@authenticated</c>, <c>@requiresScopes</c>, <c>@policy</c>).</summary>
    public AccessRequirements Access { get; } = new();

    /// <summary><c>@cost(weight:)</c>: what selecting this field costs (the highest any subgraph states).</summary>
    public int? CostWeight { get; internal set; }

    /// <summary><c>@listSize</c>: how many items the cost estimate assumes the field returns.</summary>
    public ListSize? ListSize { get; internal set; }

    public Dictionary<string, FieldSource> Sources { get; } = [];

    /// <summary>Whether <paramref name="subgraph"/> can resolve this field by itself (not external, not overridden away).</summary>
    public bool IsResolvableIn(string subgraph) =>
        Sources.TryGetValue(subgraph, out var source) && !source.External && !source.OverriddenAway;

    public IEnumerable<string> ResolvingSubgraphs => Sources.Values.Where(s => !s.External && !s.OverriddenAway).Select(s => s.Subgraph);

    public override string ToString() => Name;
}

public sealed class FieldSource(string subgraph, GraphQLType type)
{
    public string Subgraph { get; } = subgraph;

    public GraphQLType Type { get; } = type;

    public bool External { get; internal set; }

    public bool Shareable { get; internal set; }

    public FieldSet? Requires { get; internal set; }

    public FieldSet? Provides { get; internal set; }

    /// <summary><c>@override(from:)</c>: this subgraph took the field over from the named one.</summary>
    public string? OverrideFrom { get; internal set; }

    /// <summary>Another subgraph overrides this one's definition, so this subgraph no longer resolves it.</summary>
    public bool OverriddenAway { get; internal set; }
}
