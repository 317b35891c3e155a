using System.Text.Json.Nodes;
using Coursera.Federation.Composition;
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
            var ok = CompleteValue(definition.Type, source[responseName], fields, path, out var value);
            if (!ok)
            {
                ReportNull(runtimeType, definition, path);
                path.RemoveAt(path.Count - 1);
                result = null;
                return false;
            }

            path.RemoveAt(path.Count - 1);
            result[responseName] = value;
        }

        return true;
    }

    /// <returns>false when a null reached a non-null position and must bubble up.</returns>
    private bool CompleteValue(GraphQLType type, JsonNode? value, List<GraphQLField> fields, List<JsonNode> path, out JsonNode? result)
    {
        result = null;
        if (type is GraphQLNonNullType nonNull)
        {
            return CompleteValue(nonNull.Type, value, fields, path, out result) && result is not null;
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
                var ok = CompleteValue(list.Type, items[i], fields, path, out var item);
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

    private bool Included(ASTNode selection)
    {
        var directives = selection switch
        {
            GraphQLField f => f.Directives,
            GraphQLInlineFragment i => i.Directives,
            GraphQLFragmentSpread s => s.Directives,
            _ => null,
        };
        foreach (var directive in directives?.Items ?? [])
        {
            var name = directive.Name.StringValue;
            if (name is not ("skip" or "include"))
            {
                continue;
            }

            var condition = directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "if")?.Value switch
            {
                GraphQLTrueBooleanValue => true,
                GraphQLFalseBooleanValue => false,
                GraphQLVariable v => _variables[v.Name.StringValue] is JsonValue value && value.TryGetValue<bool>(out var b) && b,
                _ => false,
            };
            if ((name == "skip" && condition) || (name == "include" && !condition))
            {
                return false;
            }
        }

        return true;
    }

    private void ReportNull(SupergraphType type, SupergraphField field, List<JsonNode> path)
    {
        var pathText = string.Join('.', path.Select(p => p.ToString()));
        var reported = _errors.OfType<JsonObject>().Any(e => e["path"] is JsonArray errorPath
            && string.Join('.', errorPath.Select(p => p?.ToString())).StartsWith(pathText, StringComparison.Ordinal));
        if (!reported)
        {
            _errors.Add(new JsonObject
            {
                ["message"] = $"Cannot return null for non-nullable field {type.Name}.{field.Name}.",
                ["path"] = new JsonArray([.. path.Select(p => p.DeepClone())]),
            });
        }
    }
}
