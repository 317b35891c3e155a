using Coursera.Federation.Composition;
using GraphQLParser.AST;

namespace Coursera.Federation.Planning;

/// <summary>
/// Plans an operation into subgraph fetches (owner-based planning, docs/gateway-design.md): fields stay in the fetch of
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

        /// <summary>
        /// At each response path (type conditions left out: every fragment's fields land in the same object), the
        /// response names the client gives to something other than the argument-less field of that name. A field the
        /// gateway adds there for itself (a key, a requirement, <c>__typename</c>) must take another name, in whichever
        /// fetch it is, or it would overwrite the client's value in the response, or the client's value its own.
        /// </summary>
        private readonly Dictionary<ResponsePath, HashSet<string>> _clientNames = [];
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

            RecordClientNames(rootType, operation.SelectionSet, ResponsePath.Root, []);
            var fields = RootFields(rootType, operation.SelectionSet)
                .Where(f => !f.Name.StringValue.StartsWith("__", StringComparison.Ordinal)) // __typename, __schema, __type: the gateway's own
                .ToList();
            if (operation.Operation == OperationType.Mutation)
            {
                // Mutations run root field by root field, in document order, each with everything that completes
                // its result (GraphQL spec, "Executing Selection Sets Serially"): a mutation's fetch waits for every
                // fetch the mutation before it needed, so a read for the first never sees the second's write.
                var previous = new List<FetchGroup>();
                foreach (var field in fields)
                {
                    var first = _groups.Count;
                    var group = NewGroup(rootType.Fields[field.Name.StringValue].ResolvingSubgraphs.First(), null, ResponsePath.Root);
                    group.DependsOn.UnionWith(previous);
                    AddField(group, group.Selection, rootType, field, ResponsePath.Root, provided: null);
                    previous = _groups.Skip(first).ToList();
                }

                return;
            }

            // A root field only one subgraph resolves decides; a shareable one joins a fetch already chosen.
            var chosen = new HashSet<string>();
            foreach (var field in fields)
            {
                if (rootType.Fields[field.Name.StringValue].ResolvingSubgraphs.ToList() is [var only])
                {
                    chosen.Add(only);
                }
            }

            foreach (var field in fields)
            {
                var resolving = rootType.Fields[field.Name.StringValue].ResolvingSubgraphs.ToList();
                var subgraph = resolving.FirstOrDefault(chosen.Contains) ?? resolving[0];
                chosen.Add(subgraph);
                if (!_rootGroups.TryGetValue(subgraph, out var group))
                {
                    group = NewGroup(subgraph, null, ResponsePath.Root);
                    _rootGroups.Add(subgraph, group);
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
            JoinTwins();
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

        /// <summary>
        /// Entity groups that differ only in a type condition of their path (the same fields of the same entity under
        /// <c>... on Lecture</c> and under <c>... on Workshop</c>) become one, so an object reached through both sends
        /// one representation. Groups that ask for different fields or build different representations stay apart:
        /// each must take only its own fragment's objects (issue 19).
        /// </summary>
        private void JoinTwins()
        {
            for (var joined = true; joined;)
            {
                joined = false;
                var entityGroups = _groups.Where(g => g.IsEntityFetch).ToList();
                for (var i = 0; i < entityGroups.Count && !joined; i++)
                {
                    for (var j = i + 1; j < entityGroups.Count && !joined; j++)
                    {
                        var (first, second) = (entityGroups[i], entityGroups[j]);
                        if (first.Subgraph != second.Subgraph || first.EntityType != second.EntityType || first.Path.Equals(second.Path)
                            || !first.DependsOn.SetEquals(second.DependsOn)
                            || first.Selection.ToString() != second.Selection.ToString()
                            || first.Representation.ToString() != second.Representation.ToString()
                            || ResponsePath.Join(first.Path, second.Path) is not { } path)
                        {
                            continue;
                        }

                        first.Path = path;
                        _groups.Remove(second);
                        foreach (var group in _groups)
                        {
                            if (group.DependsOn.Remove(second))
                            {
                                group.DependsOn.Add(first);
                            }
                        }

                        joined = true;
                    }
                }
            }
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
                            yield return WithDirectives(field, Combine(null, inline.Directives));
                        }

                        break;
                    case GraphQLFragmentSpread spread:
                        foreach (var field in RootFields(rootType, _fragments[spread.FragmentName.Name.StringValue].SelectionSet))
                        {
                            yield return WithDirectives(field, Combine(null, spread.Directives));
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
                        AddInternalField(selected.Selection, childPath, "__typename");
                    }

                    // What the field selects carries the field's own conditions: another occurrence of the field may be
                    // fetched without them (`books @skip(if: true) { stock } books { title }`), and then these must
                    // still be left out, or fetched for nothing (and their errors reported).
                    AddSelections(group, selected.Selection, childType, selections, childPath, childProvided, ConditionsOf(field.Directives));
                    if (selected.Selection.IsEmpty)
                    {
                        // Every fragment below applies to no type this subgraph returns here: the object is still
                        // there (the client gets {}), and a composite field needs a selection.
                        AddInternalField(selected.Selection, childPath, "__typename");
                    }
                }

                return group;
            }

            if (parentType.IsAbstract)
            {
                // The field is not resolvable on the interface here: ask for it per concrete type this subgraph can return.
                foreach (var possible in supergraph.PossibleTypesIn(parentType, group.Subgraph))
                {
                    AddField(group, position.Fragment(possible.Name), possible, field, path.WithTypeCondition([possible.Name]), provided);
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
                var selected = AddInternalField(position, path, name);
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

            var internalField = Internal(type, required, path);
            var holder = AddField(group, position, type, internalField, path, provided: null);
            RecordShape(representation, internalField);
            return holder;
        }

        /// <summary>
        /// A field of a key or <c>@requires</c> field set as the gateway asks for it: under its own name, or under a
        /// name of the gateway's where the client uses its name for something else (and so for its subfields).
        /// </summary>
        private GraphQLField Internal(SupergraphType type, GraphQLField field, ResponsePath path)
        {
            var name = field.Name.StringValue;
            var responseName = IsClientName(path, name) ? SubgraphSelection.InternalName(name) : name;
            var copy = new GraphQLField(field.Name) { Alias = responseName == name ? null : new GraphQLAlias(new GraphQLName(responseName)) };
            if (field.SelectionSet is { } selections && type.Fields.TryGetValue(name, out var definition)
                && supergraph.Types.TryGetValue(definition.TypeName, out var nestedType))
            {
                var nestedPath = path.Append(responseName, ListDepth(definition.Type));
                copy.SelectionSet = new GraphQLSelectionSet([.. selections.Selections.OfType<GraphQLField>().Select(f => (ASTNode)Internal(nestedType, f, nestedPath))]);
            }

            return copy;
        }

        /// <summary>Adds a field the gateway needs at <paramref name="path"/>, under a name the client does not use there for another field.</summary>
        private SelectedField AddInternalField(SubgraphSelection position, ResponsePath path, string fieldName) =>
            position.AddInternalField(fieldName, IsClientName(path, fieldName));

        private bool IsClientName(ResponsePath path, string responseName) =>
            _clientNames.TryGetValue(path.WithoutTypeConditions(), out var names) && names.Contains(responseName);

        /// <summary>Fills <see cref="_clientNames"/> from the client's selection, before any field is planned.</summary>
        private void RecordClientNames(SupergraphType type, GraphQLSelectionSet selectionSet, ResponsePath path, HashSet<string> spreading)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        var name = field.Name.StringValue;
                        var responseName = field.Alias?.Name.StringValue ?? name;
                        if (responseName != name || field.Arguments is { Items.Count: > 0 })
                        {
                            if (!_clientNames.TryGetValue(path, out var names))
                            {
                                _clientNames.Add(path, names = []);
                            }

                            names.Add(responseName);
                        }

                        if (field.SelectionSet is { } inner && type.Fields.TryGetValue(name, out var definition)
                            && supergraph.Types.TryGetValue(definition.TypeName, out var childType))
                        {
                            RecordClientNames(childType, inner, path.Append(responseName, ListDepth(definition.Type)), spreading);
                        }

                        break;
                    case GraphQLInlineFragment inline:
                        RecordClientNames(inline.TypeCondition is { } condition && supergraph.Types.TryGetValue(condition.Type.Name.StringValue, out var narrowed)
                            ? narrowed
                            : type, inline.SelectionSet, path, spreading);
                        break;
                    case GraphQLFragmentSpread spread when _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                        && spreading.Add(fragment.FragmentName.Name.StringValue):
                        RecordClientNames(supergraph.Types.GetValueOrDefault(fragment.TypeCondition.Type.Name.StringValue) ?? type, fragment.SelectionSet, path,
                            spreading);
                        spreading.Remove(fragment.FragmentName.Name.StringValue);
                        break;
                }
            }
        }

        /// <summary>The representation takes exactly the field set's selection, not whatever else the client asked for there.</summary>
        private static void RecordShape(RepresentationShape representation, GraphQLField field)
        {
            var nested = representation.Field(field.Name.StringValue, field.Alias?.Name.StringValue ?? field.Name.StringValue);
            foreach (var inner in field.SelectionSet?.Selections.OfType<GraphQLField>() ?? [])
            {
                RecordShape(nested, inner);
            }
        }

        private FetchGroup EntityGroupFor(FetchGroup parent, SubgraphSelection position, SupergraphType type, SupergraphField field, ResponsePath path)
        {
            // A key the parent's subgraph can supply itself; prefer a subgraph already fetching this type at this
            // path: one request serves several fields.
            var direct = field.ResolvingSubgraphs
                .Select(s => (Subgraph: s, Key: KeyReachableFrom(type, s, parent.Subgraph)))
                .Where(c => c.Key is not null)
                .OrderByDescending(c => _entityGroups.ContainsKey((c.Subgraph, type.Name, path)))
                .ToList();
            if (direct.Count > 0)
            {
                var (subgraph, key) = direct[0];
                var group = EntityGroup(subgraph, type, path);
                group.DependsOn.Add(parent);
                AddInternalField(position, path, "__typename");
                foreach (var keyField in key!.Fields)
                {
                    AddKeyField(position, path, type, keyField, group.Representation);
                }

                return group;
            }

            // Otherwise the key's fields come first from subgraphs that can be reached (several keys: reviews knows a
            // Book by id, inventory only by isbn, which catalog supplies). Candidates are tried in the order they
            // become reachable, and a key's fields must come from subgraphs reached before, so this recursion ends.
            var reachable = type.ReachableSubgraphs(parent.Subgraph);
            foreach (var (subgraph, rank) in reachable.Select((s, i) => (s, i)).Where(c => field.IsResolvableIn(c.s)))
            {
                var earlier = reachable.Take(rank).ToHashSet();
                var key = type.KeysIn(subgraph).FirstOrDefault(k => k.Fields.All(f =>
                    type.Fields.TryGetValue(f.Name.StringValue, out var keyField) && keyField.ResolvingSubgraphs.Any(earlier.Contains)));
                if (key is null)
                {
                    continue;
                }

                var group = EntityGroup(subgraph, type, path);
                group.DependsOn.Add(parent);
                AddInternalField(position, path, "__typename");
                foreach (var keyField in key.Fields)
                {
                    var holder = AddRequiredField(parent, position, type, keyField, path, group.Representation);
                    if (holder != group)
                    {
                        group.DependsOn.Add(holder);
                    }
                }

                return group;
            }

            throw new InvalidOperationException($"No subgraph can resolve {type.Name}.{field.Name} for objects from {parent.Subgraph}.");
        }

        private FetchGroup EntityGroup(string subgraph, SupergraphType type, ResponsePath path)
        {
            if (!_entityGroups.TryGetValue((subgraph, type.Name, path), out var group))
            {
                group = NewGroup(subgraph, type, path);
                _entityGroups.Add((subgraph, type.Name, path), group);
            }

            return group;
        }

        private void AddKeyField(SubgraphSelection position, ResponsePath path, SupergraphType type, GraphQLField keyField, RepresentationShape representation)
        {
            var name = keyField.Name.StringValue;
            var selected = AddInternalField(position, path, name);
            var nested = representation.Field(name, selected.ResponseName);
            if (keyField.SelectionSet is { } selections && supergraph.Types.TryGetValue(type.Fields[name].TypeName, out var nestedType))
            {
                var nestedPath = path.Append(selected.ResponseName, ListDepth(type.Fields[name].Type));
                foreach (var inner in selections.Selections.OfType<GraphQLField>())
                {
                    AddKeyField(selected.Selection, nestedPath, nestedType, inner, nested);
                }
            }
        }

        /// <summary>A resolvable key of <paramref name="type"/> in <paramref name="target"/> whose fields <paramref name="source"/> can supply.</summary>
        private static FieldSet? KeyReachableFrom(SupergraphType type, string target, string source) =>
            type.KeysIn(target).FirstOrDefault(key => key.Fields.All(f =>
                type.Fields.TryGetValue(f.Name.StringValue, out var keyField) && keyField.IsResolvableIn(source)));

        /// <param name="conditions">
        /// The <c>@skip</c>/<c>@include</c> of the fragments this selection sits in. They move onto each field, so a
        /// field that another subgraph resolves keeps its condition in that subgraph's fetch too, and a fetch whose
        /// fields are all excluded is not sent.
        /// </param>
        private void AddSelections(FetchGroup group, SubgraphSelection position, SupergraphType type, GraphQLSelectionSet selectionSet,
            ResponsePath path, GraphQLSelectionSet? provided, GraphQLDirectives? conditions = null)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        AddField(group, position, type, WithDirectives(field, conditions), path, provided);
                        break;
                    case GraphQLInlineFragment inline:
                        AddFragment(group, position, type, inline.TypeCondition?.Type.Name.StringValue, Combine(conditions, inline.Directives),
                            inline.SelectionSet, path, provided);
                        break;
                    case GraphQLFragmentSpread spread:
                        var fragment = _fragments[spread.FragmentName.Name.StringValue];
                        AddFragment(group, position, type, fragment.TypeCondition.Type.Name.StringValue, Combine(conditions, spread.Directives),
                            fragment.SelectionSet, path, provided);
                        break;
                }
            }
        }

        private void AddFragment(FetchGroup group, SubgraphSelection position, SupergraphType type, string? typeCondition,
            GraphQLDirectives? conditions, GraphQLSelectionSet selectionSet, ResponsePath path, GraphQLSelectionSet? provided)
        {
            var conditionType = typeCondition is null ? type : supergraph.Type(typeCondition);
            if (conditionType == type || (!type.IsAbstract && conditionType.IsAbstract && supergraph.PossibleTypes(conditionType).Contains(type)))
            {
                // The fragment always applies to this type: its fields belong here.
                AddSelections(group, position, type, selectionSet, path, provided, conditions);
                return;
            }

            if (!type.IsAbstract)
            {
                return; // a concrete type the condition does not cover (a User under `... on Product`): nothing applies
            }

            // An abstract position narrowed to concrete types: one fragment per possible type this subgraph can return
            // there (spreading a type the subgraph does not declare in that position would be invalid in its schema).
            var possible = supergraph.PossibleTypes(conditionType).Intersect(supergraph.PossibleTypesIn(type, group.Subgraph));
            foreach (var concrete in possible)
            {
                // The path narrows to the concrete type: fetches planned below take only this fragment's objects.
                AddSelections(group, position.Fragment(concrete.Name), concrete, selectionSet, path.WithTypeCondition([concrete.Name]), provided,
                    conditions);
            }
        }

        /// <summary>
        /// The <c>@skip</c>/<c>@include</c> of both, without repeats: all must hold. Two different conditions of one
        /// kind (a fragment's <c>@include(if: $a)</c> around a field's <c>@include(if: $b)</c>) both stay; the
        /// subgraph query nests them in inline fragments (<see cref="SubgraphSelection"/>), since neither directive may
        /// appear twice in one place.
        /// </summary>
        private static GraphQLDirectives? Combine(GraphQLDirectives? outer, GraphQLDirectives? inner)
        {
            var all = (outer?.Items ?? []).Concat(inner?.Items ?? []).ToList();
            var conditions = all.Where(d => d.Name.StringValue is "skip" or "include").DistinctBy(d => Printer.Print(d)).ToList();

            // Other directives stay where they were written: on the field (outer), never copied from a fragment.
            List<GraphQLDirective> combined = [.. (outer?.Items ?? []).Where(d => d.Name.StringValue is not ("skip" or "include")), .. conditions];
            return combined.Count == 0 ? null : new GraphQLDirectives(combined);
        }

        /// <summary>Only the <c>@skip</c>/<c>@include</c> among <paramref name="directives"/>.</summary>
        private static GraphQLDirectives? ConditionsOf(GraphQLDirectives? directives) =>
            directives?.Items.Where(d => d.Name.StringValue is "skip" or "include").ToList() is { Count: > 0 } conditions ? new GraphQLDirectives(conditions) : null;

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

        private static GraphQLField WithDirectives(GraphQLField field, GraphQLDirectives? conditions)
        {
            if (conditions is not { Items.Count: > 0 })
            {
                return field;
            }

            return new GraphQLField(field.Name)
            {
                Alias = field.Alias,
                Arguments = field.Arguments,
                Directives = Combine(field.Directives, conditions),
                SelectionSet = field.SelectionSet,
            };
        }
    }
}
