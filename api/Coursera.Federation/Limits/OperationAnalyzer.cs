using System.Globalization;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Coursera.Federation.Limits;

/// <summary>
/// Measures a client operation against the public schema without running it: depth, aliases, root fields and a static
/// cost estimate. Cost: every field costs 1, and a field with a selection adds its selection's cost once per item it can
/// return. A list's item count is its <c>first</c> or <c>last</c> argument (a literal, a variable, or the argument's
/// default in the schema); a field that is not a list but takes such an argument (a Relay connection) passes it on to its
/// list fields (<c>edges</c>, <c>nodes</c>); any other list counts <see cref="OperationLimits.DefaultListSize"/> items.
/// Every fragment counts in full even where only one type condition can match, and <c>@skip</c>/<c>@include</c> are
/// ignored: an upper bound, which is what a limit needs.
/// <para>
/// The subgraphs refine it with Federation's demand-control directives: <c>@cost(weight:)</c> on a field, or on the
/// type it returns, replaces its 1; <c>@listSize</c> names the slicing arguments that bound a list (instead of
/// <c>first</c>/<c>last</c>), the size to assume without them, and which fields of a connection the size goes to.
/// </para>
/// </summary>
/// <remarks>
/// It runs before validation, so that an oversized document is refused before the validator spends time on it: unknown
/// fields and types cost 1 and have no list size, and fragment cycles are cut (validation reports them afterwards).
/// Fragments are measured once per context, so a document that spreads fragments inside fragments takes linear time.
/// </remarks>
internal sealed class OperationAnalyzer(ISchema schema, int defaultListSize, Composition.Supergraph? supergraph = null)
{
    private static readonly string[] SlicingArguments = ["first", "last"];

    private readonly ISchema _schema = schema;
    private readonly int _defaultListSize = defaultListSize;
    private readonly Composition.Supergraph? _supergraph = supergraph;

    public OperationMeasure Measure(GraphQLDocument document, GraphQLOperationDefinition operation, JsonObject variables)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operation);
        var walk = new Walk(this, document, operation, variables);
        IGraphType? root = operation.Operation switch
        {
            OperationType.Mutation => _schema.Mutation,
            OperationType.Subscription => _schema.Subscription,
            _ => _schema.Query,
        };
        var tally = walk.SelectionSet(operation.SelectionSet, root, null, null);
        return new OperationMeasure(tally.Depth, tally.Aliases, tally.Fields, tally.Cost, walk.UsesVariables);
    }

    /// <summary>The measures of one selection set; <see cref="Fields"/> counts only its own level (root fields at the root).</summary>
    private readonly record struct Tally(double Cost, int Depth, double Aliases, double Fields)
    {
        public Tally Add(Tally other) => new(Cost + other.Cost, Math.Max(Depth, other.Depth), Aliases + other.Aliases, Fields + other.Fields);
    }

    private sealed class Walk(OperationAnalyzer analyzer, GraphQLDocument document, GraphQLOperationDefinition operation, JsonObject variables)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = Fragments(document);
        private readonly Dictionary<(string Fragment, double? SizedBy, IReadOnlyList<string>? SizedFields), Tally> _measured = [];
        private readonly HashSet<string> _entered = new(StringComparer.Ordinal);

        public bool UsesVariables { get; private set; }

        /// <param name="sizedBy">The item count a connection field above passes to the lists directly in this selection.</param>
        /// <param name="sizedFields">The fields it passes it to (<c>@listSize(sizedFields:)</c>); null: every list field.</param>
        public Tally SelectionSet(GraphQLSelectionSet selectionSet, IGraphType? parent, double? sizedBy, IReadOnlyList<string>? sizedFields)
        {
            var tally = default(Tally);
            foreach (var selection in selectionSet.Selections)
            {
                tally = tally.Add(selection switch
                {
                    GraphQLField field => Field(field, parent, sizedFields is null || sizedFields.Contains(field.Name.StringValue) ? sizedBy : null),
                    GraphQLInlineFragment inline => SelectionSet(inline.SelectionSet, inline.TypeCondition is { } condition ? Type(condition.Type) : parent,
                        sizedBy, sizedFields),
                    GraphQLFragmentSpread spread => Spread(spread, sizedBy, sizedFields),
                    _ => default,
                });
            }

            return tally;
        }

        private Tally Field(GraphQLField field, IGraphType? parent, double? sizedBy)
        {
            var aliases = field.Alias is null ? 0 : 1;
            var definition = Definition(parent, field.Name.StringValue);
            var type = definition?.ResolvedType;
            var federated = FederatedField(parent, field.Name.StringValue);
            double weight = federated?.CostWeight ?? FederatedType(type)?.CostWeight ?? 1;
            if (field.SelectionSet is null)
            {
                return new Tally(weight, 1, aliases, 1);
            }

            var isList = (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;
            var listSize = federated?.ListSize;
            var slice = Slice(field, definition, listSize);
            var inner = isList
                ? SelectionSet(field.SelectionSet, type?.GetNamedType(), null, null)
                : SelectionSet(field.SelectionSet, type?.GetNamedType(), slice ?? listSize?.AssumedSize, listSize?.SizedFields);
            var items = isList ? slice ?? sizedBy ?? listSize?.AssumedSize ?? analyzer._defaultListSize : 1;
            return new Tally(weight + (items * inner.Cost), 1 + inner.Depth, aliases + inner.Aliases, 1);
        }

        private Tally Spread(GraphQLFragmentSpread spread, double? sizedBy, IReadOnlyList<string>? sizedFields)
        {
            var name = spread.FragmentName.Name.StringValue;
            if (_measured.TryGetValue((name, sizedBy, sizedFields), out var known))
            {
                return known;
            }

            if (!_fragments.TryGetValue(name, out var fragment) || !_entered.Add(name))
            {
                return default; // unknown, or a cycle: validation refuses both
            }

            var tally = SelectionSet(fragment.SelectionSet, Type(fragment.TypeCondition.Type), sizedBy, sizedFields);
            _entered.Remove(name);
            _measured[(name, sizedBy, sizedFields)] = tally;
            return tally;
        }

        /// <summary>The supergraph's field behind <paramref name="name"/> of <paramref name="parent"/>, for its <c>@cost</c> and <c>@listSize</c>.</summary>
        private Composition.SupergraphField? FederatedField(IGraphType? parent, string name) =>
            parent is not null && analyzer._supergraph?.Types.GetValueOrDefault(parent.Name) is { } type ? type.Fields.GetValueOrDefault(name) : null;

        private Composition.SupergraphType? FederatedType(IGraphType? type) =>
            type?.GetNamedType() is { } named ? analyzer._supergraph?.Types.GetValueOrDefault(named.Name) : null;

        private FieldType? Definition(IGraphType? parent, string name)
        {
            if (parent is null)
            {
                return null;
            }

            // The introspection entry points live on the schema, not on the query type.
            if (ReferenceEquals(parent, analyzer._schema.Query))
            {
                if (name == "__schema")
                {
                    return analyzer._schema.SchemaMetaFieldType;
                }

                if (name == "__type")
                {
                    return analyzer._schema.TypeMetaFieldType;
                }
            }

            return (parent as IComplexGraphType)?.GetField(name);
        }

        private IGraphType? Type(GraphQLNamedType name) => analyzer._schema.AllTypes[name.Name.Value];

        /// <summary>The largest of the field's slicing arguments (<c>first</c> and <c>last</c> unless <c>@listSize</c> names others), or null when it has none.</summary>
        private double? Slice(GraphQLField field, FieldType? definition, Composition.ListSize? listSize)
        {
            double? size = null;
            foreach (var name in listSize is { SlicingArguments.Count: > 0 } ? listSize.SlicingArguments : SlicingArguments)
            {
                var argument = field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name);
                var value = argument is null ? Number(definition?.Arguments?.Find(name)?.DefaultValue) : Value(argument.Value);
                if (value is { } items)
                {
                    size = Math.Max(size ?? 0, Math.Max(items, 0));
                }
            }

            return size;
        }

        private double? Value(GraphQLValue value)
        {
            if (value is not GraphQLVariable variable)
            {
                return Literal(value);
            }

            UsesVariables = true;
            var name = variable.Name.StringValue;
            if (variables.TryGetPropertyValue(name, out var given))
            {
                return given is JsonValue json && json.TryGetValue<double>(out var number) ? number : null;
            }

            var definition = operation.Variables?.Items.FirstOrDefault(v => v.Variable.Name.StringValue == name);
            return definition?.DefaultValue is { } defaultValue ? Literal(defaultValue) : null;
        }

        private static double? Literal(GraphQLValue value) =>
            value is GraphQLIntValue integer && double.TryParse(integer.Value.Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : null;

        private static double? Number(object? value) => value switch
        {
            int i => i,
            long l => l,
            double d => d,
            decimal m => (double)m,
            _ => null,
        };

        private static Dictionary<string, GraphQLFragmentDefinition> Fragments(GraphQLDocument document)
        {
            var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
            foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            {
                fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
            }

            return fragments;
        }
    }
}
