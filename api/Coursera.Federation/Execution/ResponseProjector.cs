using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
    /// <summary>
    /// Field collection per document (the plan cache keeps documents alive while they are in use): the same
    /// selection is collected for every object of a list and for every request of the same operation, so each
    /// (runtime type, selection sets) pair is collected once, unless <c>@skip</c>/<c>@include</c> make it depend on
    /// the variables.
    /// </summary>
    private static readonly ConditionalWeakTable<GraphQLDocument, DocumentCache> Caches = new();

    private readonly Supergraph _supergraph;
    private readonly DocumentCache _cache;
    private readonly JsonObject _variables;
    private readonly JsonArray _errors;
    private readonly JsonObject? _gatewayFields;
    private readonly List<(string? Name, int Index)> _path = [];

    public ResponseProjector(Supergraph supergraph, GraphQLDocument document, JsonObject variables, JsonArray errors, JsonObject? gatewayFields)
    {
        _supergraph = supergraph;
        _cache = Caches.GetValue(document, d => new DocumentCache(d));
        _variables = variables;
        _errors = errors;
        _gatewayFields = gatewayFields;
    }

    /// <summary>
    /// Shapes <paramref name="data"/> into the client's response. The tree is reshaped in place, its nodes moved
    /// rather than copied (an object keeps its dictionary, already large enough): <paramref name="data"/> is the
    /// response afterwards, or is discarded when a non-null root field is null.
    /// </summary>
    /// <returns>The data, or null when a non-null root field is null.</returns>
    public JsonObject? Project(SupergraphType rootType, GraphQLSelectionSet selectionSet, JsonObject data) =>
        CompleteObject(rootType, data, [selectionSet], selectionSet, isRoot: true) ? data : null;

    /// <param name="selectionKey">
    /// Identifies <paramref name="selectionSets"/> for the cache: the selection set itself when there is one, else
    /// the list, which then comes from a cached <see cref="CollectedField"/> and so is the same instance every time.
    /// </param>
    /// <returns>false when the object is null: a null reached one of its non-null fields.</returns>
    private bool CompleteObject(SupergraphType type, JsonObject source, IReadOnlyList<GraphQLSelectionSet> selectionSets, object selectionKey, bool isRoot)
    {
        var runtimeType = type;
        if (type.IsAbstract && ResponseTree.TypeName(source) is { } typename && _supergraph.Types.TryGetValue(typename, out var concrete))
        {
            runtimeType = concrete;
        }

        var fields = CollectFields(runtimeType, selectionSets, selectionKey);
        // Take out the values the selection uses, then empty the object (which detaches every value at once) and
        // refill it in the client's order with the completed values: key fields and __typename the client did not
        // ask for are dropped, and nothing is copied.
        var values = ArrayPool<JsonNode?>.Shared.Rent(fields.Count);
        try
        {
            for (var i = 0; i < fields.Count; i++)
            {
                values[i] = fields[i].Definition is not null && source.TryGetPropertyValue(fields[i].ResponseName, out var value) ? value : null;
            }

            source.Clear();
            for (var i = 0; i < fields.Count; i++)
            {
                var field = fields[i];
                if (field.Name == "__typename")
                {
                    source.Add(field.ResponseName, runtimeType.Name);
                    continue;
                }

                if (isRoot && field.Name is "__schema" or "__type")
                {
                    source.Add(field.ResponseName, _gatewayFields?[field.ResponseName]?.DeepClone());
                    continue;
                }

                if (field.Definition is not { } definition)
                {
                    continue;
                }

                _path.Add((field.ResponseName, 0));
                var ok = CompleteValue(definition.Type, values[i], field, out var completed);
                _path.RemoveAt(_path.Count - 1);
                if (!ok)
                {
                    return false; // a null in a non-null field: this object is null too, the error is already reported
                }

                source.Add(field.ResponseName, completed);
            }

            return true;
        }
        finally
        {
            values.AsSpan(0, fields.Count).Clear();
            ArrayPool<JsonNode?>.Shared.Return(values);
        }
    }

    /// <returns>false when a null reached a non-null position and must bubble up.</returns>
    private bool CompleteValue(GraphQLType type, JsonNode? value, CollectedField field, out JsonNode? result)
    {
        result = null;
        if (type is GraphQLNonNullType nonNull)
        {
            if (!CompleteValue(nonNull.Type, value, field, out result))
            {
                return false;
            }

            if (result is null)
            {
                ReportNull(field.Coordinate);
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

            // The list is completed in place, like objects.
            for (var i = 0; i < items.Count; i++)
            {
                var itemValue = items[i];
                _path.Add((null, i));
                var ok = CompleteValue(list.Type, itemValue, field, out var item);
                _path.RemoveAt(_path.Count - 1);
                if (!ok)
                {
                    return true; // an item bubbled: this nullable list becomes null
                }

                if (!ReferenceEquals(item, itemValue))
                {
                    items[i] = item;
                }
            }

            result = items;
            return true;
        }

        if (field.NamedType is not { IsComposite: true } named)
        {
            result = value; // a leaf: the subgraph's value as it is
            return true;
        }

        if (value is JsonObject obj && CompleteObject(named, obj, field.SelectionSets, field.SelectionKey, isRoot: false))
        {
            result = obj;
        }

        return true;
    }

    private IReadOnlyList<CollectedField> CollectFields(SupergraphType runtimeType, IReadOnlyList<GraphQLSelectionSet> selectionSets, object selectionKey)
    {
        var key = new SelectionKey(runtimeType, selectionKey);
        if (_cache.Fields.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var fields = new Dictionary<string, List<GraphQLField>>();
        var conditional = false;
        foreach (var selectionSet in selectionSets)
        {
            Collect(runtimeType, selectionSet, fields, [], ref conditional);
        }

        var collected = new List<CollectedField>(fields.Count);
        foreach (var (responseName, group) in fields)
        {
            var name = group[0].Name.StringValue;
            var definition = name is "__typename" ? null : runtimeType.Fields.GetValueOrDefault(name);
            collected.Add(new CollectedField(_supergraph, responseName, name, runtimeType, definition, group));
        }

        if (!conditional)
        {
            _cache.Fields.TryAdd(key, collected);
        }

        return collected;
    }

    private void Collect(SupergraphType runtimeType, GraphQLSelectionSet selectionSet, Dictionary<string, List<GraphQLField>> fields, HashSet<string> visited,
        ref bool conditional)
    {
        foreach (var selection in selectionSet.Selections)
        {
            var directives = selection switch
            {
                GraphQLField f => f.Directives,
                GraphQLInlineFragment i => i.Directives,
                GraphQLFragmentSpread s => s.Directives,
                _ => null,
            };
            if (directives is { Count: > 0 })
            {
                // Conservative: any directive here may be @skip/@include, whose outcome depends on the variables.
                conditional = true;
                if (!Conditions.IsIncluded(directives, _variables))
                {
                    continue;
                }
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
                    Collect(runtimeType, inline.SelectionSet, fields, visited, ref conditional);
                    break;
                case GraphQLFragmentSpread spread when visited.Add(spread.FragmentName.Name.StringValue)
                    && _cache.Fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                    && Applies(fragment.TypeCondition.Type.Name.StringValue, runtimeType):
                    Collect(runtimeType, fragment.SelectionSet, fields, visited, ref conditional);
                    break;
            }
        }
    }

    private bool Applies(string? typeCondition, SupergraphType runtimeType) =>
        typeCondition is null || typeCondition == runtimeType.Name
        || (_supergraph.Types.TryGetValue(typeCondition, out var condition) && _supergraph.PossibleTypes(condition).Contains(runtimeType));

    /// <summary>
    /// One error per null that had to bubble, unless an error already explains it: one at this path or below (the
    /// subgraph's own error for the field), or above it (a fetch for the enclosing object failed).
    /// </summary>
    private void ReportNull(string coordinate)
    {
        var path = _path.Select(p => p.Name is { } name ? JsonValue.Create(name) : (JsonNode)JsonValue.Create(p.Index)).ToList();
        var explained = _errors.OfType<JsonObject>().Any(e => e["path"] is JsonArray errorPath && (IsPrefix(errorPath, path) || IsPrefix(path, errorPath)));
        if (!explained)
        {
            _errors.Add(new JsonObject
            {
                ["message"] = $"Cannot return null for non-nullable field {coordinate}.",
                ["path"] = new JsonArray([.. path]),
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

    /// <summary>A response name of one object type's collected selection, with what completing its value needs.</summary>
    private sealed class CollectedField
    {
        public CollectedField(Supergraph supergraph, string responseName, string name, SupergraphType owner, SupergraphField? definition, List<GraphQLField> fields)
        {
            ResponseName = responseName;
            Name = name;
            Definition = definition;
            if (definition is null)
            {
                Coordinate = name;
                SelectionSets = [];
                SelectionKey = SelectionSets;
                return;
            }

            Coordinate = $"{owner.Name}.{definition.Name}";
            var type = definition.Type;
            while (type is not GraphQLNamedType)
            {
                type = type is GraphQLNonNullType nonNull ? nonNull.Type : ((GraphQLListType)type).Type;
            }

            NamedType = supergraph.Types.GetValueOrDefault(((GraphQLNamedType)type).Name.StringValue);
            SelectionSets = [.. fields.Where(f => f.SelectionSet is not null).Select(f => f.SelectionSet!)];
            SelectionKey = SelectionSets.Count == 1 ? SelectionSets[0] : SelectionSets;
        }

        public string ResponseName { get; }

        public string Name { get; }

        public SupergraphField? Definition { get; }

        /// <summary><c>Type.field</c>, for the error when a null must bubble.</summary>
        public string Coordinate { get; }

        public SupergraphType? NamedType { get; }

        public IReadOnlyList<GraphQLSelectionSet> SelectionSets { get; }

        public object SelectionKey { get; }
    }

    private readonly record struct SelectionKey(SupergraphType Type, object Selections)
    {
        public bool Equals(SelectionKey other) => ReferenceEquals(Type, other.Type) && ReferenceEquals(Selections, other.Selections);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Type), RuntimeHelpers.GetHashCode(Selections));
    }

    private sealed class DocumentCache(GraphQLDocument document)
    {
        public Dictionary<string, GraphQLFragmentDefinition> Fragments { get; } =
            document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);

        public ConcurrentDictionary<SelectionKey, IReadOnlyList<CollectedField>> Fields { get; } = new();
    }
}
