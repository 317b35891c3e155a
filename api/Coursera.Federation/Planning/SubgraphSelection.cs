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

    public bool IsEmpty => _items.Count == 0;

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

            // The same field asked for under different conditions (or also by the gateway, unconditionally): fetch it
            // always; the projection still applies the client's @skip/@include to each occurrence.
            if (existing.Directives is { Items.Count: > 0 } && (directives is not { Items.Count: > 0 } || Printer.Print(existing.Directives) != Printer.Print(directives)))
            {
                existing.Directives = null;
            }

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

    public void Print(StringBuilder text)
    {
        text.Append('{');
        var first = true;
        foreach (var item in _items)
        {
            if (!first)
            {
                text.Append(' ');
            }

            first = false;
            switch (item)
            {
                case SelectedField field:
                    if (field.ResponseName != field.FieldName)
                    {
                        text.Append(field.ResponseName).Append(": ");
                    }

                    text.Append(field.FieldName);
                    if (field.Arguments is { Items.Count: > 0 })
                    {
                        text.Append(Printer.Print(field.Arguments));
                    }

                    if (field.Directives is { Items.Count: > 0 })
                    {
                        text.Append(' ').Append(Printer.Print(field.Directives));
                    }

                    if (field.Selection is { IsEmpty: false } selection)
                    {
                        text.Append(' ');
                        selection.Print(text);
                    }

                    break;
                case SelectedFragment fragment:
                    text.Append("... on ").Append(fragment.TypeCondition);
                    if (fragment.Directives is { Items.Count: > 0 })
                    {
                        text.Append(' ').Append(Printer.Print(fragment.Directives));
                    }

                    text.Append(' ');
                    fragment.Selection.Print(text);
                    break;
            }
        }

        text.Append('}');
    }

    /// <summary>
    /// Whether anything of this selection survives <c>@skip</c>/<c>@include</c> under these variables: a fetch whose
    /// whole selection is excluded need not be sent (the condition node of the mature planners, decided at run time).
    /// </summary>
    public bool IsIncludedUnder(JsonObject variables) => _items.Any(item => item switch
    {
        SelectedField field => Conditions.IsIncluded(field.Directives, variables),
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

                    Variables.Collect(field.Directives, names);
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
    public string ResponseName { get; } = responseName;

    public string FieldName { get; } = fieldName;

    public GraphQLArguments? Arguments { get; } = arguments;

    public GraphQLDirectives? Directives { get; set; } = directives;

    public SubgraphSelection Selection => field ??= new SubgraphSelection();
}
