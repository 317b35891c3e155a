using System.Text.Json.Nodes;
using Coursera.Federation.Composition;
using GraphQLParser.AST;

namespace Coursera.Federation.Authorization;

/// <summary>
/// The fields of one operation that the supergraph's authorization directives guard: the field's own, its type's (and,
/// on an interface, those of each implementation's field), and a fragment's type condition's. The gateway checks them
/// before any fetch and refuses the whole operation when one is not met, naming each field the caller may not select
/// (code <c>UNAUTHORIZED_FIELD_OR_TYPE</c>, as Apollo Router's reject mode). A field that <c>@skip</c>/<c>@include</c>
/// leave out under the request's variables (on itself, or on a field or fragment around it) is not selected, so it
/// needs nothing.
/// </summary>
internal sealed class ProtectedSelections
{
    public const string Code = "UNAUTHORIZED_FIELD_OR_TYPE";

    private static readonly ProtectedSelections None = new([]);

    private readonly IReadOnlyList<ProtectedSelection> _selections;

    private ProtectedSelections(IReadOnlyList<ProtectedSelection> selections) => _selections = selections;

    public static ProtectedSelections Find(Supergraph supergraph, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        if (!supergraph.HasAccessRequirements)
        {
            return None;
        }

        var root = operation.Operation switch
        {
            OperationType.Mutation => supergraph.MutationType,
            OperationType.Subscription => supergraph.SubscriptionType,
            _ => supergraph.QueryType,
        };
        var walk = new Walk(supergraph, document);
        if (root is not null && supergraph.Types.TryGetValue(root, out var rootType))
        {
            walk.SelectionSet(rootType, operation.SelectionSet, []);
        }

        return walk.Found.Count == 0 ? None : new ProtectedSelections(walk.Found);
    }

    /// <summary>
    /// One error for each guarded field <paramref name="caller"/> may not select, among those the request's
    /// <paramref name="variables"/> (defaults applied) include; null when the caller may select them all.
    /// </summary>
    public async Task<JsonArray?> RefusalsAsync(GatewayCaller caller, JsonObject variables, CancellationToken cancellationToken)
    {
        if (_selections.Count == 0)
        {
            return null;
        }

        var selected = _selections.Where(s => s.Conditions.All(c => Planning.Conditions.IsIncluded(c, variables))).ToList();
        var policies = await caller.GrantedPoliciesAsync(selected.SelectMany(s => s.Requirements).SelectMany(r => r.PolicyNames), cancellationToken);
        JsonArray? errors = null;
        foreach (var selection in selected.Where(s => !s.Requirements.All(r => r.AreMetBy(caller, policies))))
        {
            errors ??= [];
            errors.Add(new JsonObject
            {
                ["message"] = $"Unauthorized field or type: {selection.Coordinate}.",
                ["path"] = new JsonArray([.. selection.Path.Select(p => (JsonNode)p)]),
                ["extensions"] = new JsonObject { ["code"] = Code },
            });
        }

        return errors;
    }

    /// <param name="Conditions">The <c>@skip</c>/<c>@include</c> of the field and of every field and fragment around it: all must hold for it to be selected.</param>
    private sealed record ProtectedSelection(IReadOnlyList<string> Path, string Coordinate, IReadOnlyList<AccessRequirements> Requirements,
        IReadOnlyList<GraphQLDirectives> Conditions);

    private sealed class Walk(Supergraph supergraph, GraphQLDocument document)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue).ToDictionary(g => g.Key, g => g.First());

        private readonly HashSet<string> _spreading = [];

        // The directives of the fields and fragments the walk is inside, outermost first.
        private readonly List<GraphQLDirectives> _conditions = [];

        public List<ProtectedSelection> Found { get; } = [];

        public void SelectionSet(SupergraphType type, GraphQLSelectionSet selectionSet, List<string> path)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        Field(type, field, path);
                        break;
                    case GraphQLInlineFragment inline:
                        Under(inline.Directives, () => Fragment(type, inline.TypeCondition?.Type.Name.StringValue, inline.SelectionSet, path));
                        break;
                    case GraphQLFragmentSpread spread when _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                        && _spreading.Add(fragment.FragmentName.Name.StringValue):
                        Under(spread.Directives, () => Fragment(type, fragment.TypeCondition.Type.Name.StringValue, fragment.SelectionSet, path));
                        _spreading.Remove(fragment.FragmentName.Name.StringValue);
                        break;
                }
            }
        }

        /// <summary>Walks <paramref name="inside"/> with <paramref name="directives"/> added to the conditions around it.</summary>
        private void Under(GraphQLDirectives? directives, Action inside)
        {
            if (directives is { Items.Count: > 0 })
            {
                _conditions.Add(directives);
            }

            inside();
            if (directives is { Items.Count: > 0 })
            {
                _conditions.RemoveAt(_conditions.Count - 1);
            }
        }

        private void Field(SupergraphType parent, GraphQLField field, List<string> path) => Under(field.Directives, () => FieldUnderItsConditions(parent, field, path));

        private void FieldUnderItsConditions(SupergraphType parent, GraphQLField field, List<string> path)
        {
            var name = field.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal) || !parent.Fields.TryGetValue(name, out var definition))
            {
                return;
            }

            List<string> fieldPath = [.. path, field.Alias?.Name.StringValue ?? name];
            var returned = supergraph.Types.GetValueOrDefault(definition.TypeName);
            var requirements = new List<AccessRequirements> { definition.Access };
            if (returned is not null)
            {
                requirements.Add(returned.Access);
            }

            if (parent.IsAbstract)
            {
                // A field asked for on an interface reaches every implementation's field, guarded or not.
                requirements.AddRange(supergraph.PossibleTypes(parent).Select(t => t.Fields.GetValueOrDefault(name)?.Access).OfType<AccessRequirements>());
            }

            Add(fieldPath, $"{parent.Name}.{name}", requirements);
            if (field.SelectionSet is { } selections && returned is { IsComposite: true })
            {
                SelectionSet(returned, selections, fieldPath);
            }
        }

        private void Fragment(SupergraphType type, string? typeCondition, GraphQLSelectionSet selectionSet, List<string> path)
        {
            var narrowed = typeCondition is not null && supergraph.Types.TryGetValue(typeCondition, out var condition) ? condition : type;
            if (narrowed != type)
            {
                Add(path, narrowed.Name, [narrowed.Access]);
            }

            SelectionSet(narrowed, selectionSet, path);
        }

        private void Add(List<string> path, string coordinate, List<AccessRequirements> requirements)
        {
            var guarded = requirements.Where(r => !r.IsEmpty).Distinct().ToList();
            if (guarded.Count > 0)
            {
                Found.Add(new ProtectedSelection(path, coordinate, guarded, [.. _conditions]));
            }
        }
    }
}
