using System.Text;
using System.Text.Json.Nodes;

namespace Coursera.Federation.Fuzzing.Generation;

/// <summary>An argument's or a condition's value: a variable, or a literal with its JSON value (for shrinking to it).</summary>
public sealed class ValueRef
{
    public string? Variable { get; set; }

    public string Literal { get; set; } = "null";

    public JsonNode? Json { get; set; }

    public ValueRef Clone() => new() { Variable = Variable, Literal = Literal, Json = Json?.DeepClone() };

    public override string ToString() => Variable is null ? Literal : "$" + Variable;
}

public sealed class Argument
{
    public required string Name { get; init; }

    public required ValueRef Value { get; init; }

    public bool Required { get; init; }

    public Argument Clone() => new() { Name = Name, Value = Value.Clone(), Required = Required };
}

/// <summary><c>@skip(if: …)</c> or <c>@include(if: …)</c>.</summary>
public sealed class Directive
{
    public required string Name { get; init; }

    public required ValueRef Condition { get; init; }

    public Directive Clone() => new() { Name = Name, Condition = Condition.Clone() };

    public override string ToString() => $"@{Name}(if: {Condition})";
}

public abstract class Selection
{
    public List<Directive> Directives { get; init; } = [];

    public abstract Selection Clone();

    protected string PrintDirectives() => Directives.Count == 0 ? "" : " " + string.Join(" ", Directives);
}

public sealed class FieldSelection : Selection
{
    public string? Alias { get; set; }

    public required string Name { get; init; }

    public List<Argument> Arguments { get; init; } = [];

    /// <summary>Null for a leaf field.</summary>
    public List<Selection>? Children { get; set; }

    public string ResponseName => Alias ?? Name;

    public override Selection Clone() => new FieldSelection
    {
        Alias = Alias,
        Name = Name,
        Arguments = [.. Arguments.Select(a => a.Clone())],
        Children = Children?.Select(c => c.Clone()).ToList(),
        Directives = [.. Directives.Select(d => d.Clone())],
    };

    public string Head() =>
        (Alias is null ? "" : Alias + ": ") + Name
        + (Arguments.Count == 0 ? "" : "(" + string.Join(", ", Arguments.Select(a => $"{a.Name}: {a.Value}")) + ")")
        + PrintDirectives();
}

public sealed class InlineFragment : Selection
{
    public string? TypeCondition { get; set; }

    public required List<Selection> Children { get; set; }

    public override Selection Clone() => new InlineFragment
    {
        TypeCondition = TypeCondition,
        Children = [.. Children.Select(c => c.Clone())],
        Directives = [.. Directives.Select(d => d.Clone())],
    };

    public string Head() => "..." + (TypeCondition is null ? "" : " on " + TypeCondition) + PrintDirectives();
}

public sealed class FragmentSpread : Selection
{
    public required string FragmentName { get; init; }

    public override Selection Clone() => new FragmentSpread { FragmentName = FragmentName, Directives = [.. Directives.Select(d => d.Clone())] };

    public string Head() => "..." + FragmentName + PrintDirectives();
}

public sealed class FragmentDefinition
{
    public required string Name { get; init; }

    public required string TypeCondition { get; init; }

    public required List<Selection> Children { get; set; }

    public FragmentDefinition Clone() => new() { Name = Name, TypeCondition = TypeCondition, Children = [.. Children.Select(c => c.Clone())] };
}

public sealed class VariableDefinition
{
    public required string Name { get; init; }

    public required TypeRef Type { get; init; }

    /// <summary>The value sent in <c>variables</c>; absent when <see cref="Omitted"/> (the variable's default applies).</summary>
    public JsonNode? Value { get; set; }

    public string? DefaultLiteral { get; set; }

    public bool Omitted { get; set; }

    public VariableDefinition Clone() => new() { Name = Name, Type = Type, Value = Value?.DeepClone(), DefaultLiteral = DefaultLiteral, Omitted = Omitted };
}

/// <summary>A generated operation: a tree that prints to a document plus its variables, and that the shrinker edits.</summary>
public sealed class Operation
{
    public required bool IsMutation { get; init; }

    public string? Name { get; init; }

    public List<VariableDefinition> Variables { get; init; } = [];

    public required List<Selection> Selections { get; set; }

    public List<FragmentDefinition> Fragments { get; init; } = [];

    public Operation Clone() => new()
    {
        IsMutation = IsMutation,
        Name = Name,
        Variables = [.. Variables.Select(v => v.Clone())],
        Selections = [.. Selections.Select(s => s.Clone())],
        Fragments = [.. Fragments.Select(f => f.Clone())],
    };

    /// <summary>The fragments reachable from the operation, in definition order (unused ones fail validation).</summary>
    public List<FragmentDefinition> UsedFragments()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<List<Selection>>([Selections]);
        while (pending.Count > 0)
        {
            foreach (var selection in pending.Pop())
            {
                switch (selection)
                {
                    case FieldSelection { Children: { } children }:
                        pending.Push(children);
                        break;
                    case InlineFragment inline:
                        pending.Push(inline.Children);
                        break;
                    case FragmentSpread spread when used.Add(spread.FragmentName):
                        pending.Push(Fragments.First(f => f.Name == spread.FragmentName).Children);
                        break;
                }
            }
        }

        return [.. Fragments.Where(f => used.Contains(f.Name))];
    }

    public HashSet<string> UsedVariables()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        void Visit(IEnumerable<Selection> selections)
        {
            foreach (var selection in selections)
            {
                foreach (var directive in selection.Directives)
                {
                    if (directive.Condition.Variable is { } v)
                    {
                        used.Add(v);
                    }
                }

                switch (selection)
                {
                    case FieldSelection field:
                        foreach (var argument in field.Arguments)
                        {
                            if (argument.Value.Variable is { } v)
                            {
                                used.Add(v);
                            }
                        }

                        if (field.Children is not null)
                        {
                            Visit(field.Children);
                        }

                        break;
                    case InlineFragment inline:
                        Visit(inline.Children);
                        break;
                }
            }
        }

        Visit(Selections);
        foreach (var fragment in UsedFragments())
        {
            Visit(fragment.Children);
        }

        return used;
    }

    public string Print()
    {
        var used = UsedVariables();
        var text = new StringBuilder();
        text.Append(IsMutation ? "mutation" : "query");
        if (Name is not null)
        {
            text.Append(' ').Append(Name);
        }

        var definitions = Variables.Where(v => used.Contains(v.Name)).ToList();
        if (definitions.Count > 0)
        {
            text.Append('(').AppendJoin(", ", definitions.Select(v => $"${v.Name}: {v.Type}" + (v.DefaultLiteral is null ? "" : " = " + v.DefaultLiteral))).Append(')');
        }

        text.Append(' ');
        PrintSet(text, Selections, 0);
        foreach (var fragment in UsedFragments())
        {
            text.Append("\n\nfragment ").Append(fragment.Name).Append(" on ").Append(fragment.TypeCondition).Append(' ');
            PrintSet(text, fragment.Children, 0);
        }

        return text.ToString();
    }

    public JsonObject VariableValues()
    {
        var used = UsedVariables();
        var values = new JsonObject();
        foreach (var variable in Variables.Where(v => used.Contains(v.Name) && !v.Omitted))
        {
            values[variable.Name] = variable.Value?.DeepClone();
        }

        return values;
    }

    public override string ToString()
    {
        var variables = VariableValues();
        return Print() + (variables.Count == 0 ? "" : "\nvariables: " + variables.ToJsonString());
    }

    private static void PrintSet(StringBuilder text, List<Selection> selections, int depth)
    {
        text.Append("{\n");
        var indent = new string(' ', 2 * (depth + 1));
        foreach (var selection in selections)
        {
            text.Append(indent);
            switch (selection)
            {
                case FieldSelection field:
                    text.Append(field.Head());
                    if (field.Children is not null)
                    {
                        text.Append(' ');
                        PrintSet(text, field.Children, depth + 1);
                    }

                    break;
                case InlineFragment inline:
                    text.Append(inline.Head()).Append(' ');
                    PrintSet(text, inline.Children, depth + 1);
                    break;
                case FragmentSpread spread:
                    text.Append(spread.Head());
                    break;
            }

            text.Append('\n');
        }

        text.Append(new string(' ', 2 * depth)).Append('}');
    }
}
