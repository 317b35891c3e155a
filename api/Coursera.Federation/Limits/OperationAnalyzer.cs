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
/// </summary>
/// <remarks>
/// It runs before validation, so that an oversized document is refused before the validator spends time on it: unknown
/// fields and types cost 1 and have no list size, and fragment cycles are cut (validation reports them afterwards).
/// Fragments are measured once per context, so a document that spreads fragments inside fragments takes linear time.
/// </remarks>
internal sealed class OperationAnalyzer(ISchema schema, int defaultListSize)
{
    private static readonly string[] SlicingArguments = ["first", "last"];

    private readonly ISchema _schema = schema;
    private readonly int _defaultListSize = defaultListSize;

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
        var tally = walk.SelectionSet(operation.SelectionSet, root, null);
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
        private readonly Dictionary<(string Fragment, double? SizedBy), Tally> _measured = [];
        private readonly HashSet<string> _entered = new(StringComparer.Ordinal);

        public bool UsesVariables { get; private set; }

        /// <param name="sizedBy">The item count a connection field above passes to the lists directly in this selection.</param>
        public Tally SelectionSet(GraphQLSelectionSet selectionSet, IGraphType? parent, double? sizedBy)
        {
            var tally = default(Tally);
            foreach (var selection in selectionSet.Selections)
            {
                tally = tally.Add(selection switch
                {
                    GraphQLField field => Field(field, parent, sizedBy),
                    GraphQLInlineFragment inline => SelectionSet(inline.SelectionSet, inline.TypeCondition is { } condition ? Type(condition.Type) : parent, sizedBy),
                    GraphQLFragmentSpread spread => Spread(spread, sizedBy),
                    _ => default,
                });
            }

            return tally;
        }

        private Tally Field(GraphQLField field, IGraphType? parent, double? sizedBy)
        {
            var aliases = field.Alias is null ? 0 : 1;
            if (field.SelectionSet is null)
            {
                return new Tally(1, 1, aliases, 1);
            }

            var definition = Definition(parent, field.Name.StringValue);
            var type = definition?.ResolvedType;
            var isList = (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;
            var slice = Slice(field, definition);
            var inner = SelectionSet(field.SelectionSet, type?.GetNamedType(), isList ? null : slice);
            var items = isList ? slice ?? sizedBy ?? analyzer._defaultListSize : 1;
            return new Tally(1 + (items * inner.Cost), 1 + inner.Depth, aliases + inner.Aliases, 1);
        }

        private Tally Spread(GraphQLFragmentSpread spread, double? sizedBy)
        {
            var name = spread.FragmentName.Name.StringValue;
            if (_measured.TryGetValue((name, sizedBy), out var known))
            {
                return known;
            }

            if (!_fragments.TryGetValue(name, out var fragment) || !_entered.Add(name))
            {
                return default; // unknown, or a cycle: validation refuses both
            }

            var tally = SelectionSet(fragment.SelectionSet, Type(fragment.TypeCondition.Type), sizedBy);
            _entered.Remove(name);
            _measured[(name, sizedBy)] = tally;
            return tally;
        }

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

        /// <summary>The larger of the field's <c>first</c> and <c>last</c>, or null when it has neither.</summary>
        private double? Slice(GraphQLField field, FieldType? definition)
        {
            double? size = null;
            foreach (var name in SlicingArguments)
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
