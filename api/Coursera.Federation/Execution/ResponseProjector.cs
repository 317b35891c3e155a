using System.Text.Json.Nodes;
using Coursera.Federation.Composition;
using Coursera.Federation.Planning;
using GraphQLParser.AST;

namespace Coursera.Federation.Execution;

/// <summary>
/// The last pass over the client's selection: the response holds exactly what the client asked for, in its order
/// and under its aliases, with <c>__typename</c> answered, <c>@skip</c>/<c>@include</c> applied, and a null in a
/// non-null position bubbling to the nearest nullable parent (GraphQL spec, "Handling Field Errors").
/// </summary>
internal sealed class ResponseProjector
{
    private readonly Supergraph _supergraph;
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments;
    private readonly JsonObject _variables;
    private readonly JsonArray _errors;
    private readonly JsonObject? _gatewayFields;

    public ResponseProjector(Supergraph supergraph, GraphQLDocument document, JsonObject variables, JsonArray errors, JsonObject? gatewayFields)
    {
        _supergraph = supergraph;
        _fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        _variables = variables;
        _errors = errors;
        _gatewayFields = gatewayFields;
    }

    /// <returns>The data, or null when a non-null root field is null.</returns>
    public JsonObject? Project(SupergraphType rootType, GraphQLSelectionSet selectionSet, JsonObject data) =>
        CompleteObject(rootType, data, [selectionSet], [], isRoot: true, out var result) ? result : null;

    private bool CompleteObject(SupergraphType type, JsonObject source, IReadOnlyList<GraphQLSelectionSet> selectionSets, List<JsonNode> path,
        bool isRoot, out JsonObject? result)
    {
        var runtimeType = type;
        if (type.IsAbstract && source["__typename"] is JsonValue typename && _supergraph.Types.TryGetValue(typename.GetValue<string>(), out var concrete))
        {
            runtimeType = concrete;
        }

        result = [];
        foreach (var (responseName, fields) in CollectFields(runtimeType, selectionSets))
        {
            var name = fields[0].Name.StringValue;
            if (name == "__typename")
            {
                result[responseName] = runtimeType.Name;
                continue;
            }

            if (isRoot && name is "__schema" or "__type")
            {
                result[responseName] = _gatewayFields?[responseName]?.DeepClone();
                continue;
            }

            if (!runtimeType.Fields.TryGetValue(name, out var definition))
            {
                continue;
            }

            path.Add(responseName);
            var ok = CompleteValue(definition.Type, source[responseName], fields, path, $"{runtimeType.Name}.{definition.Name}", out var value);
            path.RemoveAt(path.Count - 1);
            if (!ok)
            {
                result = null;
                return false; // a null in a non-null field: this object is null too, the error is already reported
            }

            result[responseName] = value;
        }

        return true;
    }

    /// <returns>false when a null reached a non-null position and must bubble up.</returns>
    private bool CompleteValue(GraphQLType type, JsonNode? value, List<GraphQLField> fields, List<JsonNode> path, string coordinate, out JsonNode? result)
    {
        result = null;
        if (type is GraphQLNonNullType nonNull)
        {
            if (!CompleteValue(nonNull.Type, value, fields, path, coordinate, out result))
            {
                return false;
            }

            if (result is null)
            {
                ReportNull(coordinate, path);
                return false;
            }

            return true;
        }

        if (value is null)
        {
            return true;
        }

        if (type is GraphQLListType list)
        {
            if (value is not JsonArray items)
            {
                return true;
            }

            var completed = new JsonArray();
            for (var i = 0; i < items.Count; i++)
            {
                path.Add(i);
                var ok = CompleteValue(list.Type, items[i], fields, path, coordinate, out var item);
                path.RemoveAt(path.Count - 1);
                if (!ok)
                {
                    return true; // an item bubbled: this nullable list becomes null
                }

                completed.Add(item);
            }

            result = completed;
            return true;
        }

        var named = _supergraph.Types.GetValueOrDefault(((GraphQLNamedType)type).Name.StringValue);
        if (named is null || !named.IsComposite)
        {
            result = value.DeepClone();
            return true;
        }

        if (value is not JsonObject obj)
        {
            return true;
        }

        var selectionSets = fields.Where(f => f.SelectionSet is not null).Select(f => f.SelectionSet!).ToList();
        CompleteObject(named, obj, selectionSets, path, isRoot: false, out var completedObject);
        result = completedObject;
        return true;
    }

    private Dictionary<string, List<GraphQLField>> CollectFields(SupergraphType runtimeType, IReadOnlyList<GraphQLSelectionSet> selectionSets)
    {
        var fields = new Dictionary<string, List<GraphQLField>>();
        foreach (var selectionSet in selectionSets)
        {
            Collect(runtimeType, selectionSet, fields, []);
        }

        return fields;
    }

    private void Collect(SupergraphType runtimeType, GraphQLSelectionSet selectionSet, Dictionary<string, List<GraphQLField>> fields, HashSet<string> visited)
    {
        foreach (var selection in selectionSet.Selections)
        {
            if (!Included(selection))
            {
                continue;
            }

            switch (selection)
            {
                case GraphQLField field:
                    var responseName = field.Alias?.Name.StringValue ?? field.Name.StringValue;
                    if (!fields.TryGetValue(responseName, out var list))
                    {
                        fields[responseName] = list = [];
                    }

                    list.Add(field);
                    break;
                case GraphQLInlineFragment inline when Applies(inline.TypeCondition?.Type.Name.StringValue, runtimeType):
                    Collect(runtimeType, inline.SelectionSet, fields, visited);
                    break;
                case GraphQLFragmentSpread spread when visited.Add(spread.FragmentName.Name.StringValue)
                    && _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                    && Applies(fragment.TypeCondition.Type.Name.StringValue, runtimeType):
                    Collect(runtimeType, fragment.SelectionSet, fields, visited);
                    break;
            }
        }
    }

    private bool Applies(string? typeCondition, SupergraphType runtimeType) =>
        typeCondition is null || typeCondition == runtimeType.Name
        || (_supergraph.Types.TryGetValue(typeCondition, out var condition) && _supergraph.PossibleTypes(condition).Contains(runtimeType));

    private bool Included(ASTNode selection) => Conditions.IsIncluded(selection switch
    {
        GraphQLField f => f.Directives,
        GraphQLInlineFragment i => i.Directives,
        GraphQLFragmentSpread s => s.Directives,
        _ => null,
    }, _variables);

    /// <summary>
    /// One error per null that had to bubble, unless an error already explains it: one at this path or below (the
    /// subgraph's own error for the field), or above it (a fetch for the enclosing object failed).
    /// </summary>
    private void ReportNull(string coordinate, List<JsonNode> path)
    {
        var explained = _errors.OfType<JsonObject>().Any(e => e["path"] is JsonArray errorPath && (IsPrefix(errorPath, path) || IsPrefix(path, errorPath)));
        if (!explained)
        {
            _errors.Add(new JsonObject
            {
                ["message"] = $"Cannot return null for non-nullable field {coordinate}.",
                ["path"] = new JsonArray([.. path.Select(p => p.DeepClone())]),
            });
        }
    }

    private static bool IsPrefix(IEnumerable<JsonNode?> prefix, IEnumerable<JsonNode?> path)
    {
        List<JsonNode?> whole = [.. path];
        var i = 0;
        foreach (var segment in prefix)
        {
            if (i >= whole.Count || !JsonNode.DeepEquals(segment, whole[i]))
            {
                return false;
            }

            i++;
        }

        return true;
    }
}
