using System.Text;
using System.Text.Json.Nodes;
using GraphQLParser.AST;

namespace Coursera.Federation.Planning;

/// <summary>
/// The selection set of a query sent to one subgraph, built up while planning. Fields are keyed by response
/// name, so the client's fields and the fields the gateway adds (keys, <c>@requires</c>, <c>__typename</c>) merge.
/// </summary>
internal sealed class SubgraphSelection
{
    private readonly List<object> _items = [];
    private readonly Dictionary<string, SelectedField> _fields = [];
    private readonly Dictionary<string, SelectedFragment> _fragments = [];

    /// <summary>Nothing to print: no field, and no fragment with anything in it (one whose type conditions matched nothing).</summary>
    public bool IsEmpty => !_items.Any(item => item is SelectedField || (item is SelectedFragment fragment && !fragment.Selection.IsEmpty));

    public SelectedField? Field(string responseName) => _fields.GetValueOrDefault(responseName);

    /// <summary>The fields directly in this selection (not inside fragments), in order.</summary>
    public IEnumerable<SelectedField> Fields => _items.OfType<SelectedField>();

    /// <summary>
    /// Adds the field, or returns the one already there under this response name. Returns null when the response
    /// name is taken by a different field, so the caller can pick another alias.
    /// </summary>
    public SelectedField? GetOrAddField(string responseName, string fieldName, GraphQLArguments? arguments, GraphQLDirectives? directives)
    {
        if (_fields.TryGetValue(responseName, out var existing))
        {
            if (existing.FieldName != fieldName || !SameArguments(existing.Arguments, arguments))
            {
                return null;
            }

            // The same field asked for again, under other conditions or none (also by the gateway, for itself): fetched
            // when any occurrence is included; the projection still applies the client's @skip/@include to each.
            existing.AlsoUnder(directives);
            return existing;
        }

        var field = new SelectedField(responseName, fieldName, arguments, directives);
        _fields.Add(responseName, field);
        _items.Add(field);
        return field;
    }

    /// <summary>
    /// Adds a field the client did not ask for, under its own name, or under the gateway's alias for it when that
    /// name is taken here or <paramref name="nameTaken"/> (the client uses it for another field in another fetch).
    /// </summary>
    public SelectedField AddInternalField(string fieldName, bool nameTaken = false)
    {
        return (nameTaken ? null : GetOrAddField(fieldName, fieldName, null, null))
            ?? GetOrAddField(InternalName(fieldName), fieldName, null, null)
            ?? throw new InvalidOperationException($"Response name '{InternalName(fieldName)}' is used for two different fields.");
    }

    /// <summary>The gateway's own response name for a field whose name the client uses for another.</summary>
    public static string InternalName(string fieldName) => "__fed_" + fieldName;

    public SubgraphSelection Fragment(string typeCondition, GraphQLDirectives? directives = null)
    {
        var key = directives is null ? typeCondition : typeCondition + " " + Printer.Print(directives);
        if (!_fragments.TryGetValue(key, out var fragment))
        {
            fragment = new SelectedFragment(typeCondition, directives);
            _fragments.Add(key, fragment);
            _items.Add(fragment);
        }

        return fragment.Selection;
    }

    public void Print(StringBuilder text) => Print(text, null);

    /// <param name="enclosing">
    /// The one condition set the field holding this selection is printed under, if any: a field here under that same
    /// set (the planner repeats a field's conditions on what it selects, for when another occurrence of the field is
    /// fetched without them) needs it no more than its parent already says.
    /// </param>
    private void Print(StringBuilder text, string? enclosing)
    {
        text.Append('{');
        var first = true;
        foreach (var item in _items)
        {
            switch (item)
            {
                case SelectedField field:
                    if (!first)
                    {
                        text.Append(' ');
                    }

                    PrintField(text, field, enclosing);
                    break;
                case SelectedFragment { Selection.IsEmpty: true }:
                    continue; // its type conditions matched nothing this subgraph returns here
                case SelectedFragment fragment:
                    if (!first)
                    {
                        text.Append(' ');
                    }

                    text.Append("... on ").Append(fragment.TypeCondition);
                    if (fragment.Directives is { Items.Count: > 0 })
                    {
                        text.Append(' ').Append(Printer.Print(fragment.Directives));
                    }

                    text.Append(' ');
                    fragment.Selection.Print(text, enclosing);
                    break;
            }

            first = false;
        }

        text.Append('}');
    }

    /// <summary>
    /// A field under one set of conditions carries them; under several (any of which includes it), it is printed once
    /// in an inline fragment per set, which the subgraph merges, so it runs exactly when one of them holds. A set that
    /// repeats a directive (a fragment's <c>@include</c> and the field's own) nests a fragment per extra layer.
    /// </summary>
    private static void PrintField(StringBuilder text, SelectedField field, string? enclosing)
    {
        if (field.Conditions.Count == 0 || (field.Conditions is [var same] && Printer.Print(same) == enclosing))
        {
            PrintWrapped(text, field, [], [], enclosing);
            return;
        }

        if (field.Conditions is [var only])
        {
            var layers = Layers(only);
            PrintWrapped(text, field, layers[..^1], layers[^1], Printer.Print(only));
            return;
        }

        for (var i = 0; i < field.Conditions.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            PrintWrapped(text, field, Layers(field.Conditions[i]), [], null);
        }
    }

    /// <summary><c>... @w1 { ... @w2 { field @onField {…} } }</c>: the field inside one inline fragment per wrapper.</summary>
    private static void PrintWrapped(StringBuilder text, SelectedField field, List<List<GraphQLDirective>> wrappers, List<GraphQLDirective> onField,
        string? enclosing)
    {
        foreach (var wrapper in wrappers)
        {
            text.Append("... ").Append(Printer.Print(new GraphQLDirectives(wrapper))).Append(" {");
        }

        if (field.ResponseName != field.FieldName)
        {
            text.Append(field.ResponseName).Append(": ");
        }

        text.Append(field.FieldName);
        if (field.Arguments is { Items.Count: > 0 })
        {
            text.Append(Printer.Print(field.Arguments));
        }

        if (onField.Count > 0)
        {
            text.Append(' ').Append(Printer.Print(new GraphQLDirectives(onField)));
        }

        if (field.Selection is { IsEmpty: false } selection)
        {
            text.Append(' ');
            selection.Print(text, enclosing);
        }

        text.Append('}', wrappers.Count);
    }

    /// <summary>
    /// Directives split so that no layer repeats one (GraphQL allows each of <c>@skip</c> and <c>@include</c> once per
    /// location); all must hold. One layer unless a directive is repeated.
    /// </summary>
    private static List<List<GraphQLDirective>> Layers(GraphQLDirectives directives)
    {
        var layers = new List<List<GraphQLDirective>>();
        foreach (var directive in directives.Items)
        {
            var name = directive.Name.StringValue;
            var layer = layers.FirstOrDefault(l => !l.Any(d => d.Name.StringValue == name));
            if (layer is null)
            {
                layers.Add(layer = []);
            }

            layer.Add(directive);
        }

        return layers;
    }

    /// <summary>
    /// Whether anything of this selection survives <c>@skip</c>/<c>@include</c> under these variables: a fetch whose
    /// whole selection is excluded need not be sent (the condition node of the mature planners, decided at run time).
    /// </summary>
    public bool IsIncludedUnder(JsonObject variables) => _items.Any(item => item switch
    {
        SelectedField field => field.IsIncludedUnder(variables),
        SelectedFragment fragment => Conditions.IsIncluded(fragment.Directives, variables) && fragment.Selection.IsIncludedUnder(variables),
        _ => true,
    });

    /// <summary>The variables this selection refers to, in arguments and in directives.</summary>
    public void CollectVariables(HashSet<string> names)
    {
        foreach (var item in _items)
        {
            switch (item)
            {
                case SelectedField field:
                    foreach (var argument in field.Arguments?.Items ?? [])
                    {
                        Variables.Collect(argument.Value, names);
                    }

                    foreach (var conditions in field.Conditions)
                    {
                        Variables.Collect(conditions, names);
                    }

                    field.Selection.CollectVariables(names);
                    break;
                case SelectedFragment fragment:
                    Variables.Collect(fragment.Directives, names);
                    fragment.Selection.CollectVariables(names);
                    break;
            }
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        Print(text);
        return text.ToString();
    }

    private static bool SameArguments(GraphQLArguments? a, GraphQLArguments? b) =>
        (a is null || a.Items.Count == 0) && (b is null || b.Items.Count == 0)
        || (a is not null && b is not null && Printer.Print(a) == Printer.Print(b));

    private sealed class SelectedFragment(string typeCondition, GraphQLDirectives? directives)
    {
        public string TypeCondition { get; } = typeCondition;

        public GraphQLDirectives? Directives { get; } = directives;

        public SubgraphSelection Selection { get; } = new();
    }
}

internal sealed class SelectedField(string responseName, string fieldName, GraphQLArguments? arguments, GraphQLDirectives? directives)
{
    // Null: fetched unconditionally. Otherwise the directive sets of its occurrences; any one that holds includes it.
    private List<GraphQLDirectives>? _conditions = directives is { Items.Count: > 0 } ? [directives] : null;
    private SubgraphSelection? _selection;

    public string ResponseName { get; } = responseName;

    public string FieldName { get; } = fieldName;

    public GraphQLArguments? Arguments { get; } = arguments;

    /// <summary>The directive sets under which the field is asked for; empty when it is asked for unconditionally.</summary>
    public IReadOnlyList<GraphQLDirectives> Conditions => _conditions ?? [];

    public SubgraphSelection Selection => _selection ??= new SubgraphSelection();

    /// <summary>Another occurrence of the field, under <paramref name="directives"/> (none: unconditionally).</summary>
    public void AlsoUnder(GraphQLDirectives? directives)
    {
        if (_conditions is null)
        {
            return;
        }

        if (directives is not { Items.Count: > 0 })
        {
            _conditions = null;
            return;
        }

        var printed = Printer.Print(directives);
        if (!_conditions.Any(c => Printer.Print(c) == printed))
        {
            _conditions.Add(directives);
        }
    }

    public bool IsIncludedUnder(System.Text.Json.Nodes.JsonObject variables) =>
        _conditions is null || _conditions.Any(c => Planning.Conditions.IsIncluded(c, variables));
}
