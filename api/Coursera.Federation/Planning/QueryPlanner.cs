using Coursera.Federation.Composition;
using GraphQLParser.AST;

namespace Coursera.Federation.Planning;

/// <summary>
/// Plans an operation into subgraph fetches (owner-based planning, GATEWAY-DESIGN.md): fields stay in the fetch of
/// the subgraph that reached their parent when it can resolve them; otherwise the parent fetch gains the entity's
/// key and a dependent <c>_entities</c> fetch resolves them. No I/O and no variable values: plans are cached.
/// </summary>
public sealed class QueryPlanner(Supergraph supergraph)
{
    public QueryPlan Plan(GraphQLDocument document, string? operationName)
    {
        ArgumentNullException.ThrowIfNull(document);
        var operation = OperationSelector.Select(document, operationName)
            ?? throw new ArgumentException("The document has no operation of that name.", nameof(operationName));
        var run = new PlanningRun(supergraph, document);
        run.PlanOperation(operation);
        return run.Build(operation);
    }

    private sealed class PlanningRun(Supergraph supergraph, GraphQLDocument document)
    {
        private readonly List<FetchGroup> _groups = [];
        private readonly Dictionary<string, FetchGroup> _rootGroups = [];
        private readonly Dictionary<(string Subgraph, string Type, ResponsePath Path), FetchGroup> _entityGroups = [];
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = document.Definitions
            .OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        private OperationType _operationType;

        public void PlanOperation(GraphQLOperationDefinition operation)
        {
            _operationType = operation.Operation;
            var rootType = supergraph.Type(operation.Operation switch
            {
                OperationType.Mutation => supergraph.MutationType ?? throw new InvalidOperationException("The supergraph has no mutations."),
                OperationType.Subscription => supergraph.SubscriptionType ?? throw new InvalidOperationException("The supergraph has no subscriptions."),
                _ => supergraph.QueryType,
            });

            FetchGroup? previous = null;
            foreach (var field in RootFields(rootType, operation.SelectionSet))
            {
                if (field.Name.StringValue.StartsWith("__", StringComparison.Ordinal))
                {
                    continue; // __typename, __schema and __type are answered by the gateway itself
                }

                var definition = rootType.Fields[field.Name.StringValue];
                FetchGroup group;
                if (operation.Operation == OperationType.Mutation)
                {
                    // Mutations run root field by root field, in document order.
                    group = NewGroup(definition.ResolvingSubgraphs.First(), null, ResponsePath.Root);
                    if (previous is not null)
                    {
                        group.DependsOn.Add(previous);
                    }

                    previous = group;
                }
                else
                {
                    var subgraph = definition.ResolvingSubgraphs.FirstOrDefault(_rootGroups.ContainsKey)
                        ?? definition.ResolvingSubgraphs.First();
                    if (!_rootGroups.TryGetValue(subgraph, out group!))
                    {
                        group = NewGroup(subgraph, null, ResponsePath.Root);
                        _rootGroups.Add(subgraph, group);
                    }
                }

                AddField(group, group.Selection, rootType, field, ResponsePath.Root, provided: null);
            }
        }

        /// <summary>
        /// Orders the groups in stages (a group runs one stage after the latest group it depends on) and batches
        /// the entity groups of one subgraph in one stage into one request.
        /// </summary>
        public QueryPlan Build(GraphQLOperationDefinition operation)
        {
            var stageOf = new Dictionary<FetchGroup, int>();
            int Stage(FetchGroup group) => stageOf.TryGetValue(group, out var known)
                ? known
                : stageOf[group] = group.DependsOn.Count == 0 ? 0 : group.DependsOn.Max(Stage) + 1;

            var stages = new List<IReadOnlyList<PlannedFetch>>();
            var id = 0;
            foreach (var stage in _groups.Where(g => !g.Selection.IsEmpty).GroupBy(Stage).OrderBy(s => s.Key))
            {
                var fetches = new List<PlannedFetch>();
                foreach (var root in stage.Where(g => !g.IsEntityFetch))
                {
                    fetches.Add(PlannedFetch.Root(id++, root, operation, _operationType));
                }

                foreach (var subgraph in stage.Where(g => g.IsEntityFetch).GroupBy(g => g.Subgraph))
                {
                    fetches.Add(PlannedFetch.EntityBatch(id++, [.. subgraph], operation));
                }

                stages.Add(fetches);
            }

            return new(supergraph, document, operation, stages);
        }

        /// <summary>The root fields in order, with fragments on the root type flattened.</summary>
        private IEnumerable<GraphQLField> RootFields(SupergraphType rootType, GraphQLSelectionSet selectionSet)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        yield return field;
                        break;
                    case GraphQLInlineFragment inline:
                        foreach (var field in RootFields(rootType, inline.SelectionSet))
                        {
                            yield return WithDirectives(field, inline.Directives);
                        }

                        break;
                    case GraphQLFragmentSpread spread:
                        foreach (var field in RootFields(rootType, _fragments[spread.FragmentName.Name.StringValue].SelectionSet))
                        {
                            yield return WithDirectives(field, spread.Directives);
                        }

                        break;
                }
            }
        }

        /// <summary>Plans one client field at <paramref name="position"/> of <paramref name="group"/>; returns the group that resolves it.</summary>
        private FetchGroup AddField(FetchGroup group, SubgraphSelection position, SupergraphType parentType, GraphQLField field,
            ResponsePath path, GraphQLSelectionSet? provided)
        {
            var name = field.Name.StringValue;
            var responseName = field.Alias?.Name.StringValue ?? name;
            if (name == "__typename")
            {
                position.GetOrAddField(responseName, name, null, field.Directives);
                return group;
            }

            var definition = parentType.Fields[name];
            if (CanResolve(group.Subgraph, definition, name, provided))
            {
                var selected = position.GetOrAddField(responseName, name, field.Arguments, field.Directives)
                    ?? throw new InvalidOperationException($"Response name '{responseName}' is used for two different fields.");
                if (supergraph.Types.TryGetValue(definition.TypeName, out var childType) && childType.IsComposite && field.SelectionSet is { } selections)
                {
                    var childPath = path.Append(responseName, ListDepth(definition.Type));
                    var childProvided = definition.Sources.TryGetValue(group.Subgraph, out var source) && source.Provides is { } provides
                        ? provides.SelectionSet
                        : ProvidedBelow(provided, name);
                    if (childType.IsAbstract)
                    {
                        selected.Selection.AddInternalField("__typename");
                    }

                    AddSelections(group, selected.Selection, childType, selections, childPath, childProvided);
                }

                return group;
            }

            if (parentType.IsAbstract)
            {
                // The field is not resolvable on the interface here: ask for it per concrete type.
                foreach (var possible in supergraph.PossibleTypes(parentType).Where(t => t.Sources.ContainsKey(group.Subgraph)))
                {
                    AddField(group, position.Fragment(possible.Name), possible, field, path, provided);
                }

                return group;
            }

            var entityGroup = EntityGroupFor(group, position, parentType, definition, path);
            if (definition.Sources[entityGroup.Subgraph].Requires is { } requires)
            {
                foreach (var required in requires.Fields)
                {
                    var holder = AddRequiredField(group, position, parentType, required, path, entityGroup.Representation);
                    if (holder != entityGroup)
                    {
                        entityGroup.DependsOn.Add(holder);
                    }
                }
            }

            return AddField(entityGroup, entityGroup.Selection, parentType, field, path, provided: null);
        }

        /// <summary>
        /// Makes sure a field that an <c>_entities</c> fetch requires is fetched at <paramref name="path"/> before
        /// it, and records where the representation finds it.
        /// </summary>
        private FetchGroup AddRequiredField(FetchGroup group, SubgraphSelection position, SupergraphType type, GraphQLField required,
            ResponsePath path, RepresentationShape representation)
        {
            var name = required.Name.StringValue;
            var definition = type.Fields[name];
            if (CanResolve(group.Subgraph, definition, name, provided: null))
            {
                var selected = position.AddInternalField(name);
                var nested = representation.Field(name, selected.ResponseName);
                if (required.SelectionSet is { } selections && supergraph.Types.TryGetValue(definition.TypeName, out var nestedType))
                {
                    foreach (var inner in selections.Selections.OfType<GraphQLField>())
                    {
                        AddRequiredField(group, selected.Selection, nestedType, inner, path.Append(selected.ResponseName, ListDepth(definition.Type)), nested);
                    }
                }

                return group;
            }

            var holder = AddField(group, position, type, required, path, provided: null);
            representation.Field(name, name);
            return holder;
        }

        private FetchGroup EntityGroupFor(FetchGroup parent, SubgraphSelection position, SupergraphType type, SupergraphField field, ResponsePath path)
        {
            // Prefer a subgraph already fetching this type at this path: one request serves several fields.
            var candidates = field.ResolvingSubgraphs
                .Select(s => (Subgraph: s, Key: KeyReachableFrom(type, s, parent.Subgraph)))
                .Where(c => c.Key is not null)
                .OrderByDescending(c => _entityGroups.ContainsKey((c.Subgraph, type.Name, path)))
                .ToList();
            if (candidates.Count == 0)
            {
                throw new InvalidOperationException($"No subgraph can resolve {type.Name}.{field.Name} for objects from {parent.Subgraph}.");
            }

            var (subgraph, key) = candidates[0];
            if (!_entityGroups.TryGetValue((subgraph, type.Name, path), out var group))
            {
                group = NewGroup(subgraph, type, path);
                _entityGroups.Add((subgraph, type.Name, path), group);
            }

            group.DependsOn.Add(parent);
            position.AddInternalField("__typename");
            foreach (var keyField in key!.Fields)
            {
                AddKeyField(position, type, keyField, group.Representation);
            }

            return group;
        }

        private void AddKeyField(SubgraphSelection position, SupergraphType type, GraphQLField keyField, RepresentationShape representation)
        {
            var name = keyField.Name.StringValue;
            var selected = position.AddInternalField(name);
            var nested = representation.Field(name, selected.ResponseName);
            if (keyField.SelectionSet is { } selections && supergraph.Types.TryGetValue(type.Fields[name].TypeName, out var nestedType))
            {
                foreach (var inner in selections.Selections.OfType<GraphQLField>())
                {
                    AddKeyField(selected.Selection, nestedType, inner, nested);
                }
            }
        }

        /// <summary>A resolvable key of <paramref name="type"/> in <paramref name="target"/> whose fields <paramref name="source"/> can supply.</summary>
        private static FieldSet? KeyReachableFrom(SupergraphType type, string target, string source) =>
            type.KeysIn(target).FirstOrDefault(key => key.Fields.All(f =>
                type.Fields.TryGetValue(f.Name.StringValue, out var keyField) && keyField.IsResolvableIn(source)));

        private void AddSelections(FetchGroup group, SubgraphSelection position, SupergraphType type, GraphQLSelectionSet selectionSet,
            ResponsePath path, GraphQLSelectionSet? provided)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        AddField(group, position, type, field, path, provided);
                        break;
                    case GraphQLInlineFragment inline:
                        AddFragment(group, position, type, inline.TypeCondition?.Type.Name.StringValue, inline.Directives, inline.SelectionSet, path, provided);
                        break;
                    case GraphQLFragmentSpread spread:
                        var fragment = _fragments[spread.FragmentName.Name.StringValue];
                        AddFragment(group, position, type, fragment.TypeCondition.Type.Name.StringValue, spread.Directives, fragment.SelectionSet, path, provided);
                        break;
                }
            }
        }

        private void AddFragment(FetchGroup group, SubgraphSelection position, SupergraphType type, string? typeCondition,
            GraphQLDirectives? directives, GraphQLSelectionSet selectionSet, ResponsePath path, GraphQLSelectionSet? provided)
        {
            var conditionType = typeCondition is null ? type : supergraph.Type(typeCondition);
            if (conditionType == type || (!type.IsAbstract && conditionType.IsAbstract))
            {
                // The fragment always applies to this type: keep its fields here (wrapped only to keep @skip/@include).
                var target = directives is { Items.Count: > 0 } ? position.Fragment(type.Name, directives) : position;
                AddSelections(group, target, type, selectionSet, path, provided);
                return;
            }

            // An abstract position narrowed to concrete types: one fragment per possible type this subgraph can return.
            var possible = supergraph.PossibleTypes(conditionType).Intersect(supergraph.PossibleTypes(type));
            foreach (var concrete in possible.Where(t => t.Sources.ContainsKey(group.Subgraph)))
            {
                AddSelections(group, position.Fragment(concrete.Name, directives), concrete, selectionSet, path, provided);
            }
        }

        private static bool CanResolve(string subgraph, SupergraphField definition, string name, GraphQLSelectionSet? provided) =>
            definition.IsResolvableIn(subgraph)
            || (provided is not null && definition.Sources.ContainsKey(subgraph)
                && provided.Selections.OfType<GraphQLField>().Any(f => f.Name.StringValue == name));

        private static GraphQLSelectionSet? ProvidedBelow(GraphQLSelectionSet? provided, string name) =>
            provided?.Selections.OfType<GraphQLField>().FirstOrDefault(f => f.Name.StringValue == name)?.SelectionSet;

        private FetchGroup NewGroup(string subgraph, SupergraphType? entityType, ResponsePath path)
        {
            var group = new FetchGroup(_groups.Count, subgraph, entityType, path);
            _groups.Add(group);
            return group;
        }

        private static int ListDepth(GraphQLType type) => type.Nullable() switch
        {
            GraphQLListType list => 1 + ListDepth(list.Type),
            _ => 0,
        };

        private static GraphQLField WithDirectives(GraphQLField field, GraphQLDirectives? directives)
        {
            if (directives is not { Items.Count: > 0 })
            {
                return field;
            }

            var combined = new GraphQLDirectives([.. field.Directives?.Items ?? [], .. directives.Items]);
            return new GraphQLField(field.Name)
            {
                Alias = field.Alias,
                Arguments = field.Arguments,
                Directives = combined,
                SelectionSet = field.SelectionSet,
            };
        }
    }
}
