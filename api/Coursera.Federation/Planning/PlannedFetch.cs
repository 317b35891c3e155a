using System.Text;
using Coursera.Federation.Composition;
using GraphQLParser.AST;

namespace Coursera.Federation.Planning;

/// <summary>
/// One request of a finished plan to one subgraph: a root operation, or one or more <c>_entities</c> selections
/// (one per entity type and response path) batched into a single request.
/// </summary>
public sealed class PlannedFetch
{
    private PlannedFetch(int id, string subgraph, string operationText, IReadOnlyList<string> variables, IReadOnlyList<EntityFetchPart> entities,
        SubgraphSelection? rootSelection)
    {
        Id = id;
        Subgraph = subgraph;
        OperationText = operationText;
        Variables = variables;
        Entities = entities;
        RootSelection = rootSelection;
    }

    public int Id { get; }

    public string Subgraph { get; }

    /// <summary>The GraphQL document sent to the subgraph.</summary>
    public string OperationText { get; }

    /// <summary>The client's variables this fetch forwards.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The <c>_entities</c> selections of an entity fetch; empty for a root fetch.</summary>
    public IReadOnlyList<EntityFetchPart> Entities { get; }

    public bool IsEntityFetch => Entities.Count > 0;

    /// <summary>The selection of a root fetch; null for an entity fetch.</summary>
    internal SubgraphSelection? RootSelection { get; }

    internal static PlannedFetch Root(int id, FetchGroup group, GraphQLOperationDefinition operation, OperationType operationType)
    {
        var definitions = VariableDefinitions(operation, group.Selection);
        var text = new StringBuilder(operationType switch
        {
            OperationType.Mutation => "mutation",
            OperationType.Subscription => "subscription",
            _ => "query",
        });
        AppendName(text, operation, group.Subgraph, id);
        if (definitions.Count > 0)
        {
            text.Append('(').Append(string.Join(", ", definitions.Select(d => Printer.Print(d)))).Append(')');
        }

        text.Append(' ');
        group.Selection.Print(text);
        return new PlannedFetch(id, group.Subgraph, text.ToString(), Names(definitions), [], group.Selection);
    }

    /// <summary>Batches the entity groups of one subgraph in one stage into one request, one aliased <c>_entities</c> each.</summary>
    internal static PlannedFetch EntityBatch(int id, IReadOnlyList<FetchGroup> groups, GraphQLOperationDefinition operation)
    {
        var single = groups.Count == 1;
        // The client's own variables are forwarded too: the representations variable must not take one of their names.
        var clientVariables = operation.Variables?.Items.Select(v => v.Variable.Name.StringValue).ToHashSet() ?? [];
        var representations = "representations";
        while (clientVariables.Any(v => v.StartsWith(representations, StringComparison.Ordinal)))
        {
            representations = "_" + representations;
        }

        var parts = groups.Select((g, i) => new EntityFetchPart(
            single ? "_entities" : $"_entities{i}", single ? representations : $"{representations}{i}", g.EntityType!, g.Path, g.Representation, g.Selection)).ToList();
        var used = new HashSet<string>();
        foreach (var group in groups)
        {
            group.Selection.CollectVariables(used);
        }

        var definitions = operation.Variables?.Items.Where(v => used.Contains(v.Variable.Name.StringValue)).ToList() ?? [];
        var text = new StringBuilder("query");
        AppendName(text, operation, groups[0].Subgraph, id);
        text.Append('(').Append(string.Join(", ", parts.Select(p => $"${p.RepresentationsVariable}: [_Any!]!")));
        foreach (var definition in definitions)
        {
            text.Append(", ").Append(Printer.Print(definition));
        }

        text.Append(") {");
        for (var i = 0; i < groups.Count; i++)
        {
            var part = parts[i];
            text.Append(' ');
            if (!single)
            {
                text.Append(part.Alias).Append(": ");
            }

            text.Append("_entities(representations: $").Append(part.RepresentationsVariable).Append(") { ... on ").Append(part.Type.Name).Append(' ');
            groups[i].Selection.Print(text);
            text.Append(" }");
        }

        text.Append(" }");
        return new PlannedFetch(id, groups[0].Subgraph, text.ToString(), Names(definitions), parts, null);
    }

    private static List<GraphQLVariableDefinition> VariableDefinitions(GraphQLOperationDefinition operation, SubgraphSelection selection)
    {
        var used = new HashSet<string>();
        selection.CollectVariables(used);
        return operation.Variables?.Items.Where(v => used.Contains(v.Variable.Name.StringValue)).ToList() ?? [];
    }

    private static string[] Names(List<GraphQLVariableDefinition> definitions) => [.. definitions.Select(d => d.Variable.Name.StringValue)];

    private static void AppendName(StringBuilder text, GraphQLOperationDefinition operation, string subgraph, int id)
    {
        if (operation.Name is not null)
        {
            text.Append(' ').Append(operation.Name.StringValue).Append("__").Append(Sanitize(subgraph)).Append("__").Append(id);
        }
    }

    private static string Sanitize(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
}

/// <summary>One <c>_entities</c> selection of a fetch: the objects of one type at one response path.</summary>
public sealed class EntityFetchPart
{
    internal EntityFetchPart(string alias, string representationsVariable, SupergraphType type, ResponsePath path, RepresentationShape representation,
        SubgraphSelection selection)
    {
        Selection = selection;
        Alias = alias;
        RepresentationsVariable = representationsVariable;
        Type = type;
        Path = path;
        Representation = representation;
    }

    public string Alias { get; }

    public string RepresentationsVariable { get; }

    public SupergraphType Type { get; }

    public ResponsePath Path { get; }

    internal RepresentationShape Representation { get; }

    internal SubgraphSelection Selection { get; }
}
