using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Coursera.Federation.Composition;

/// <summary>
/// Composes subgraph SDLs into a <see cref="Supergraph"/>: merges types, applies <c>@override</c>, and checks the
/// rules that make a federation executable. All problems are reported together.
/// </summary>
public static class Composer
{
    private static readonly HashSet<string> PlumbingTypes =
    [
        "_Service", "_Any", "_Entity", "_FieldSet", "FieldSet", "link__Import", "link__Purpose", "link__FieldSet",
        "federation__FieldSet", "federation__Scope", "federation__Policy", "join__FieldSet", "join__Graph",
        "String", "Int", "Float", "Boolean", "ID",
    ];

    public static CompositionResult Compose(IEnumerable<SubgraphDefinition> subgraphs)
    {
        ArgumentNullException.ThrowIfNull(subgraphs);
        var run = new CompositionRun([.. subgraphs]);
        return run.Run();
    }

    private sealed class CompositionRun(List<SubgraphDefinition> subgraphs)
    {
        private readonly List<CompositionError> _errors = [];
        private readonly Dictionary<string, SupergraphType> _types = [];
        private readonly List<string> _order = [];
        private bool _hasMutation;
        private bool _hasSubscription;

        public CompositionResult Run()
        {
            if (subgraphs.Count == 0)
            {
                return new(null, [new("NO_SUBGRAPHS", "Nothing to compose.")]);
            }

            foreach (var duplicate in subgraphs.GroupBy(s => s.Name).Where(g => g.Count() > 1))
            {
                _errors.Add(new("DUPLICATE_SUBGRAPH", $"Two subgraphs are named '{duplicate.Key}'.", duplicate.Key));
            }

            foreach (var subgraph in subgraphs)
            {
                Read(subgraph);
            }

            ApplyOverrides();
            MergeFieldTypes();
            CheckSharing();
            CheckExternals();
            CheckFieldSets();
            CheckSatisfiability();
            if (!_types.ContainsKey("Query"))
            {
                _errors.Add(new("NO_QUERIES", "No subgraph defines a Query type."));
            }

            if (_errors.Count > 0)
            {
                return new(null, _errors);
            }

            var ordered = _order.ToDictionary(n => n, n => _types[n]);
            return new(new Supergraph(subgraphs, ordered, "Query", _hasMutation ? "Mutation" : null, _hasSubscription ? "Subscription" : null), []);
        }

        private void Read(SubgraphDefinition subgraph)
        {
            GraphQLDocument document;
            try
            {
                document = GraphQLParser.Parser.Parse(subgraph.Sdl);
            }
            catch (GraphQLParserException e)
            {
                _errors.Add(new("INVALID_SDL", e.Message, subgraph.Name));
                return;
            }

            var spec = FederationSpec.Read(document);
            var roots = RootNames(document);
            foreach (var definition in document.Definitions)
            {
                switch (definition)
                {
                    case GraphQLObjectTypeDefinition d:
                        ReadComposite(subgraph.Name, spec, roots, d.Name.StringValue, TypeKind.Object, d.Directives, d.Fields, d.Interfaces, d.Description, false);
                        break;
                    case GraphQLObjectTypeExtension d:
                        ReadComposite(subgraph.Name, spec, roots, d.Name.StringValue, TypeKind.Object, d.Directives, d.Fields, d.Interfaces, null, true);
                        break;
                    case GraphQLInterfaceTypeDefinition d:
                        ReadComposite(subgraph.Name, spec, roots, d.Name.StringValue, TypeKind.Interface, d.Directives, d.Fields, d.Interfaces, d.Description, false);
                        break;
                    case GraphQLInterfaceTypeExtension d:
                        ReadComposite(subgraph.Name, spec, roots, d.Name.StringValue, TypeKind.Interface, d.Directives, d.Fields, d.Interfaces, null, true);
                        break;
                    case GraphQLUnionTypeDefinition d when Declare(subgraph.Name, d.Name.StringValue, TypeKind.Union, d.Description, d.Directives, spec) is { } union:
                        foreach (var member in d.Types?.Items ?? [])
                        {
                            AddOnce(union.UnionMembers, member.Name.StringValue);
                            AddOnce(union.Sources[subgraph.Name].UnionMembers, member.Name.StringValue);
                        }

                        break;
                    case GraphQLUnionTypeExtension d when Declare(subgraph.Name, d.Name.StringValue, TypeKind.Union, null, d.Directives, spec) is { } union:
                        foreach (var member in d.Types?.Items ?? [])
                        {
                            AddOnce(union.UnionMembers, member.Name.StringValue);
                            AddOnce(union.Sources[subgraph.Name].UnionMembers, member.Name.StringValue);
                        }

                        break;
                    case GraphQLEnumTypeDefinition d when Declare(subgraph.Name, d.Name.StringValue, TypeKind.Enum, d.Description, d.Directives, spec) is { } enumeration:
                        foreach (var value in d.Values?.Items ?? [])
                        {
                            if (!enumeration.EnumValues.Any(v => v.EnumValue.Name.StringValue == value.EnumValue.Name.StringValue))
                            {
                                enumeration.EnumValues.Add(value);
                            }
                        }

                        break;
                    case GraphQLInputObjectTypeDefinition d when Declare(subgraph.Name, d.Name.StringValue, TypeKind.InputObject, d.Description, d.Directives, spec) is { } input:
                        foreach (var field in d.Fields?.Items ?? [])
                        {
                            if (!input.InputFields.Any(f => f.Name.StringValue == field.Name.StringValue))
                            {
                                input.InputFields.Add(field);
                            }
                        }

                        break;
                    case GraphQLScalarTypeDefinition d:
                        Declare(subgraph.Name, d.Name.StringValue, TypeKind.Scalar, d.Description, d.Directives, spec);
                        break;
                }
            }
        }

        private static Dictionary<string, string> RootNames(GraphQLDocument document)
        {
            var roots = new Dictionary<string, string>();
            foreach (var operationTypes in document.Definitions.Select(d => d switch
                     {
                         GraphQLSchemaDefinition s => s.OperationTypes,
                         GraphQLSchemaExtension s => s.OperationTypes,
                         _ => null,
                     }).Where(o => o is not null))
            {
                foreach (var operationType in operationTypes!)
                {
                    roots[operationType.Type!.Name.StringValue] = operationType.Operation switch
                    {
                        OperationType.Mutation => "Mutation",
                        OperationType.Subscription => "Subscription",
                        _ => "Query",
                    };
                }
            }

            return roots;
        }

        private SupergraphType? Declare(string subgraph, string name, TypeKind kind, GraphQLDescription? description,
            GraphQLDirectives? directives, FederationSpec spec)
        {
            if (PlumbingTypes.Contains(name) || name.StartsWith("link__", StringComparison.Ordinal)
                || name.StartsWith("federation__", StringComparison.Ordinal) || name.StartsWith("join__", StringComparison.Ordinal))
            {
                return null;
            }

            if (!_types.TryGetValue(name, out var type))
            {
                type = new SupergraphType(name, kind);
                _types.Add(name, type);
                _order.Add(name);
            }
            else if (type.Kind != kind)
            {
                _errors.Add(new("TYPE_KIND_MISMATCH", $"'{name}' is a {kind} in {subgraph} but a {type.Kind} elsewhere.", subgraph, name));
                return null;
            }

            type.Description ??= description?.Value.ToString();
            if (!type.Sources.ContainsKey(subgraph))
            {
                type.Sources[subgraph] = new TypeSource(subgraph) { IsFederation1 = !spec.IsFederation2 };
            }

            if (Has(directives, spec, "inaccessible"))
            {
                type.Inaccessible = true;
            }

            type.Access.Read(directives, d => spec.Canonical(d.Name.StringValue));
            type.CostWeight = MaxWeight(type.CostWeight, directives, spec);
            return type;
        }

        private void ReadComposite(string subgraph, FederationSpec spec, Dictionary<string, string> roots, string localName, TypeKind kind,
            GraphQLDirectives? directives, GraphQLFieldsDefinition? fields, GraphQLImplementsInterfaces? interfaces,
            GraphQLDescription? description, bool isExtension)
        {
            var name = roots.GetValueOrDefault(localName) ?? localName;
            if (name is "Mutation")
            {
                _hasMutation = true;
            }

            if (name is "Subscription")
            {
                _hasSubscription = true;
            }

            if (Declare(subgraph, name, kind, description, directives, spec) is not { } type)
            {
                return;
            }

            var source = type.Sources[subgraph];
            source.IsExtension |= isExtension || Has(directives, spec, "extends");
            var typeShareable = Has(directives, spec, "shareable");
            foreach (var key in Find(directives, spec, "key"))
            {
                var text = StringArgument(key, "fields") ?? string.Empty;
                if (FieldSet.TryParse(text) is { } fieldSet)
                {
                    var resolvable = FederationSpec.Argument(key, "resolvable") is not GraphQLFalseBooleanValue;
                    source.Keys.Add(new KeyDefinition(fieldSet, resolvable));
                }
                else
                {
                    _errors.Add(new("INVALID_FIELD_SET", $"@key(fields: \"{text}\") is not a valid field set.", subgraph, name));
                }
            }

            foreach (var implemented in interfaces?.Items ?? [])
            {
                AddOnce(type.Interfaces, implemented.Name.StringValue);
                AddOnce(source.Interfaces, implemented.Name.StringValue);
            }

            var keyFields = source.Keys.SelectMany(k => k.Fields.Fields).Select(f => f.Name.StringValue).ToHashSet();
            foreach (var definition in fields?.Items ?? [])
            {
                var fieldName = definition.Name.StringValue;
                if (name == "Query" && fieldName is "_service" or "_entities")
                {
                    continue;
                }

                if (!type.Fields.TryGetValue(fieldName, out var field))
                {
                    field = new SupergraphField(fieldName, definition.Type);
                    type.Fields.Add(fieldName, field);
                    type.FieldList.Add(field);
                }

                field.Arguments ??= definition.Arguments;
                field.Description ??= definition.Description?.Value.ToString();
                field.Deprecated ??= definition.Directives?.Items.FirstOrDefault(d => d.Name.StringValue == "deprecated");
                field.Inaccessible |= Has(definition.Directives, spec, "inaccessible");
                field.Access.Read(definition.Directives, d => spec.Canonical(d.Name.StringValue));
                field.CostWeight = MaxWeight(field.CostWeight, definition.Directives, spec);
                field.ListSize ??= Find(definition.Directives, spec, "listSize").Select(ListSizeOf).FirstOrDefault();

                // A key field marked @external (the Fed1 style of `extend type`) is still resolvable by its subgraph:
                // the subgraph receives it in every representation.
                var fieldSource = new FieldSource(subgraph, definition.Type)
                {
                    External = Has(definition.Directives, spec, "external") && !keyFields.Contains(fieldName),
                    Shareable = typeShareable || Has(definition.Directives, spec, "shareable") || !spec.IsFederation2 || keyFields.Contains(fieldName),
                    OverrideFrom = Find(definition.Directives, spec, "override").Select(d => StringArgument(d, "from")).FirstOrDefault(),
                };
                fieldSource.Requires = FieldSetArgument(definition.Directives, spec, "requires", subgraph, name, fieldName);
                fieldSource.Provides = FieldSetArgument(definition.Directives, spec, "provides", subgraph, name, fieldName);
                if (!field.Sources.TryAdd(subgraph, fieldSource))
                {
                    _errors.Add(new("DUPLICATE_FIELD", $"The field is defined twice in one subgraph.", subgraph, name, fieldName));
                }
            }
        }

        private FieldSet? FieldSetArgument(GraphQLDirectives? directives, FederationSpec spec, string directive, string subgraph, string type, string field)
        {
            var found = Find(directives, spec, directive).FirstOrDefault();
            if (found is null)
            {
                return null;
            }

            var text = StringArgument(found, "fields") ?? string.Empty;
            var fieldSet = FieldSet.TryParse(text);
            if (fieldSet is null)
            {
                _errors.Add(new("INVALID_FIELD_SET", $"@{directive}(fields: \"{text}\") is not a valid field set.", subgraph, type, field));
            }

            return fieldSet;
        }

        private void ApplyOverrides()
        {
            foreach (var (type, field, source) in AllFieldSources())
            {
                if (source.OverrideFrom is not { } from)
                {
                    continue;
                }

                if (from == source.Subgraph)
                {
                    _errors.Add(new("OVERRIDE_FROM_SELF", $"@override(from: \"{from}\") names the subgraph itself.", source.Subgraph, type.Name, field.Name));
                }
                else if (field.Sources.TryGetValue(from, out var overridden))
                {
                    if (overridden.OverrideFrom is not null)
                    {
                        _errors.Add(new("OVERRIDE_SOURCE_HAS_OVERRIDE", $"The field overridden from {from} is itself an override.", source.Subgraph, type.Name, field.Name));
                    }

                    overridden.OverriddenAway = true;
                }
            }
        }

        private void MergeFieldTypes()
        {
            foreach (var type in _types.Values)
            {
                foreach (var field in type.FieldList)
                {
                    var sources = field.Sources.Values.ToList();
                    var merged = sources[0].Type;
                    foreach (var other in sources.Skip(1))
                    {
                        if (!merged.SameShape(other.Type))
                        {
                            _errors.Add(new("FIELD_TYPE_MISMATCH",
                                $"{sources[0].Subgraph} types it {sources[0].Type.Print()} but {other.Subgraph} types it {other.Type.Print()}.",
                                other.Subgraph, type.Name, field.Name));
                            continue;
                        }

                        merged = merged.Widen(other.Type);
                    }

                    field.Type = merged;
                    if (!_types.ContainsKey(field.TypeName) && !IsBuiltInScalar(field.TypeName))
                    {
                        _errors.Add(new("UNKNOWN_TYPE", $"The field's type '{field.TypeName}' is defined nowhere.", sources[0].Subgraph, type.Name, field.Name));
                    }
                }
            }
        }

        private void CheckSharing()
        {
            foreach (var type in _types.Values.Where(t => t.Kind == TypeKind.Object))
            {
                foreach (var field in type.FieldList)
                {
                    var resolving = field.Sources.Values.Where(s => !s.External && !s.OverriddenAway).ToList();
                    if (resolving.Count > 1 && resolving.Any(s => !s.Shareable))
                    {
                        _errors.Add(new("INVALID_FIELD_SHARING",
                            $"{type.Name}.{field.Name} is resolved by {string.Join(" and ", resolving.Select(s => s.Subgraph))} but not marked @shareable in {string.Join(", ", resolving.Where(s => !s.Shareable).Select(s => s.Subgraph))}.",
                            resolving.First(s => !s.Shareable).Subgraph, type.Name, field.Name));
                    }
                }
            }
        }

        private void CheckExternals()
        {
            foreach (var (type, field, source) in AllFieldSources())
            {
                if (source.External && !field.ResolvingSubgraphs.Any())
                {
                    _errors.Add(new("EXTERNAL_MISSING_ON_BASE",
                        $"{type.Name}.{field.Name} is @external in {source.Subgraph} but no subgraph defines it.", source.Subgraph, type.Name, field.Name));
                }
            }
        }

        private void CheckFieldSets()
        {
            foreach (var type in _types.Values)
            {
                foreach (var source in type.Sources.Values)
                {
                    foreach (var key in source.Keys)
                    {
                        CheckSelection(key.Fields.SelectionSet, type, source.Subgraph, "KEY_FIELDS_MISSING", "@key", type.Name, null, requireExternal: false);
                    }
                }
            }

            foreach (var (type, field, source) in AllFieldSources())
            {
                if (source.Requires is { } requires)
                {
                    CheckSelection(requires.SelectionSet, type, source.Subgraph, "REQUIRES_FIELDS_MISSING", "@requires", type.Name, field.Name, requireExternal: false);
                }

                if (source.Provides is { } provides)
                {
                    if (!_types.TryGetValue(field.TypeName, out var target) || !target.IsComposite)
                    {
                        _errors.Add(new("PROVIDES_ON_NON_OBJECT_FIELD", "@provides is only allowed on fields returning objects.", source.Subgraph, type.Name, field.Name));
                    }
                    else
                    {
                        CheckSelection(provides.SelectionSet, target, source.Subgraph, "PROVIDES_FIELDS_MISSING", "@provides", type.Name, field.Name, requireExternal: false);
                    }
                }
            }
        }

        private void CheckSelection(GraphQLSelectionSet selection, SupergraphType type, string subgraph, string code, string directive,
            string owner, string? ownerField, bool requireExternal)
        {
            foreach (var node in selection.Selections)
            {
                if (node is not GraphQLField f)
                {
                    _errors.Add(new(code, $"{directive} field sets may only select fields.", subgraph, owner, ownerField));
                    continue;
                }

                var name = f.Name.StringValue;
                if (name == "__typename")
                {
                    continue;
                }

                if (!type.Fields.TryGetValue(name, out var field) || !field.Sources.TryGetValue(subgraph, out var source))
                {
                    _errors.Add(new(code, $"{directive} selects {type.Name}.{name}, which {subgraph} does not define.", subgraph, owner, ownerField));
                    continue;
                }

                if (requireExternal && !source.External)
                {
                    _errors.Add(new(code, $"{directive} selects {type.Name}.{name}, which must be @external in {subgraph}.", subgraph, owner, ownerField));
                }

                if (f.SelectionSet is { } nested && _types.TryGetValue(field.TypeName, out var nestedType))
                {
                    CheckSelection(nested, nestedType, subgraph, code, directive, owner, ownerField, requireExternal);
                }
            }
        }

        /// <summary>
        /// Every field must be reachable from every subgraph that returns its type: the subgraph resolves it, or a
        /// subgraph that does can be reached by a chain of entity fetches, each by a resolvable key whose fields the
        /// subgraphs reached so far can supply (reviews knows a Book by id, catalog turns that into its isbn, and
        /// inventory, keyed by isbn only, is reachable in two hops).
        /// </summary>
        private void CheckSatisfiability()
        {
            foreach (var type in _types.Values.Where(t => t.Kind == TypeKind.Object && t.Name is not ("Query" or "Mutation" or "Subscription")))
            {
                foreach (var subgraph in type.Sources.Keys)
                {
                    var reachable = type.ReachableSubgraphs(subgraph);
                    foreach (var field in type.FieldList.Where(f => !f.ResolvingSubgraphs.Any(reachable.Contains)))
                    {
                        _errors.Add(new("UNRESOLVABLE_FIELD",
                            $"{type.Name}.{field.Name} cannot be resolved for {type.Name} objects from {subgraph}: no subgraph that resolves it can be reached through resolvable @keys whose fields {subgraph} can provide.",
                            subgraph, type.Name, field.Name));
                    }
                }
            }
        }

        private List<(SupergraphType Type, SupergraphField Field, FieldSource Source)> AllFieldSources() =>
            [.. _types.Values.SelectMany(t => t.FieldList.SelectMany(f => f.Sources.Values.Select(s => (t, f, s))))];

        private static bool Has(GraphQLDirectives? directives, FederationSpec spec, string canonical) => Find(directives, spec, canonical).Any();

        private static IEnumerable<GraphQLDirective> Find(GraphQLDirectives? directives, FederationSpec spec, string canonical) =>
            directives?.Items.Where(d => spec.Canonical(d.Name.StringValue) == canonical) ?? [];

        /// <summary>The higher of <paramref name="known"/> and the weight of an <c>@cost</c> among <paramref name="directives"/>.</summary>
        private static int? MaxWeight(int? known, GraphQLDirectives? directives, FederationSpec spec)
        {
            foreach (var weight in Find(directives, spec, "cost").Select(d => IntArgument(d, "weight")).OfType<int>())
            {
                known = Math.Max(known ?? weight, weight);
            }

            return known;
        }

        private static ListSize ListSizeOf(GraphQLDirective directive) => new(
            IntArgument(directive, "assumedSize"),
            StringsArgument(directive, "slicingArguments") ?? [],
            StringsArgument(directive, "sizedFields"));

        private static int? IntArgument(GraphQLDirective directive, string name) =>
            FederationSpec.Argument(directive, name) is GraphQLIntValue i && int.TryParse(i.Value.Span, System.Globalization.NumberStyles.Integer,
                System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

        private static List<string>? StringsArgument(GraphQLDirective directive, string name) => FederationSpec.Argument(directive, name) switch
        {
            GraphQLListValue { Values: { } values } => [.. values.OfType<GraphQLStringValue>().Select(v => v.Value.ToString())],
            GraphQLStringValue single => [single.Value.ToString()],
            _ => null,
        };

        private static string? StringArgument(GraphQLDirective directive, string name) =>
            FederationSpec.Argument(directive, name) is GraphQLStringValue s ? s.Value.ToString() : null;

        private static void AddOnce(List<string> list, string value)
        {
            if (!list.Contains(value))
            {
                list.Add(value);
            }
        }

        private static bool IsBuiltInScalar(string name) => name is "String" or "Int" or "Float" or "Boolean" or "ID";
    }
}
