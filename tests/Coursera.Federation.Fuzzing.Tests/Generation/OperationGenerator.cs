using System.Text.Json.Nodes;

namespace Coursera.Federation.Fuzzing.Generation;

/// <summary>
/// Random valid operations over a public schema, deterministic from the seed of the <see cref="Random"/> given:
/// fields with arguments from <see cref="ValuePools"/> (literal or variable), aliases (including aliases equal to
/// other fields' names), the same field selected twice (merged), inline fragments and named fragments on objects,
/// interfaces and unions, <c>@skip</c>/<c>@include</c> with literal and variable conditions, nested fields (which
/// hop between subgraphs wherever the schema does), <c>__typename</c>, and mutations where the schema has them.
/// </summary>
/// <remarks>
/// Validity (the "fields can be merged" rule above all) is kept by a scope per response object: every response name
/// there is bound to one field with one set of arguments and one type; a field that would clash gets a fresh alias,
/// and a fragment is only spread where its own names agree with the scope's.
/// </remarks>
public sealed class OperationGenerator(SchemaModel schema, Random random)
{
    private static readonly string[] Aliases = ["a", "b", "x", "id", "name", "title"];

    private int _aliases;
    private int _variables;
    private List<VariableDefinition> _variableList = [];
    private List<(FragmentDefinition Definition, Scope Scope)> _fragments = [];

    public int MaxDepth { get; init; } = 4;

    public int MaxWidth { get; init; } = 4;

    public double MutationRate { get; init; } = 0.12;

    public Operation Next()
    {
        _aliases = 0;
        _variables = 0;
        _variableList = [];
        _fragments = [];
        var mutation = schema.MutationType is not null && random.NextDouble() < MutationRate;
        var root = mutation ? schema.MutationType! : schema.QueryType;
        var scope = new Scope();
        List<Selection> selections;
        if (mutation)
        {
            // One or two mutation fields; the rest of the operation is what their payloads select.
            selections = [];
            var count = random.NextDouble() < 0.7 ? 1 : 2;
            for (var i = 0; i < count; i++)
            {
                selections.Add(Field(schema[root], scope, 0, leafOnly: false));
            }
        }
        else
        {
            selections = SelectionSet(schema[root], scope, 0, root: true);
        }

        return new Operation
        {
            IsMutation = mutation,
            Name = random.NextDouble() < 0.5 ? "Fuzz" : null,
            Variables = _variableList,
            Selections = selections,
            Fragments = [.. _fragments.Select(f => f.Definition)],
        };
    }

    private List<Selection> SelectionSet(TypeDefinition type, Scope scope, int depth, bool root = false, int fragmentNesting = 0)
    {
        var selections = new List<Selection>();
        var width = 1 + random.Next(depth >= MaxDepth ? 2 : MaxWidth);
        for (var i = 0; i < width; i++)
        {
            var roll = random.NextDouble();
            Selection? selection;
            if (roll < 0.08 && !root)
            {
                selection = Typename(scope);
            }
            else if (roll < 0.22 && fragmentNesting < 2 && !root || type.Kind == TypeKind.Union && roll < 0.7 && fragmentNesting < 2)
            {
                selection = InlineFragmentOn(type, scope, depth, fragmentNesting);
            }
            else if (roll < 0.32 && fragmentNesting < 2 || type.Kind == TypeKind.Union && fragmentNesting < 2)
            {
                selection = Spread(type, scope, depth, fragmentNesting);
            }
            else if (type.Kind == TypeKind.Union)
            {
                selection = Typename(scope);
            }
            else
            {
                selection = Field(type, scope, depth, leafOnly: depth >= MaxDepth);
            }

            if (selection is not null)
            {
                selections.Add(selection);
            }
        }

        if (selections.Count == 0)
        {
            selections.Add(Typename(scope));
        }

        return selections;
    }

    private FieldSelection Typename(Scope scope)
    {
        var field = new FieldSelection { Name = "__typename" };
        if (random.NextDouble() < 0.2)
        {
            field.Alias = FreshAlias(scope);
        }
        else if (!scope.TryBind("__typename", new Binding("__typename", "", "String!", null)))
        {
            field.Alias = FreshAlias(scope);
        }

        if (field.Alias is not null)
        {
            scope.TryBind(field.Alias, new Binding("__typename", "", "String!", null));
        }

        AddDirectives(field);
        return field;
    }

    private FieldSelection Field(TypeDefinition parent, Scope scope, int depth, bool leafOnly)
    {
        var candidates = parent.Fields.Where(f => !f.Name.StartsWith("__", StringComparison.Ordinal)
            && (!leafOnly || !schema[f.Type.NamedType].IsComposite)).ToList();
        if (candidates.Count == 0)
        {
            return Typename(scope);
        }

        var definition = candidates[random.Next(candidates.Count)];
        var field = new FieldSelection { Name = definition.Name };
        foreach (var argument in definition.Arguments)
        {
            if (argument.Required || random.NextDouble() < 0.5)
            {
                field.Arguments.Add(new Argument { Name = argument.Name, Required = argument.Required, Value = Value(parent, definition, argument) });
            }
        }

        var argumentsKey = string.Join(",", field.Arguments.Select(a => $"{a.Name}:{a.Value}"));
        var typeKey = definition.Type.ToString();
        var named = schema[definition.Type.NamedType];
        var binding = new Binding(definition.Name, argumentsKey, typeKey, named.IsComposite ? new Scope() : null);
        if (random.NextDouble() < 0.2)
        {
            var alias = Aliases[random.Next(Aliases.Length)];
            field.Alias = scope.TryBind(alias, binding) ? alias : FreshAlias(scope);
        }
        else if (!scope.TryBind(definition.Name, binding))
        {
            field.Alias = FreshAlias(scope);
        }

        if (field.Alias is not null)
        {
            scope.TryBind(field.Alias, binding);
        }

        var bound = scope.Names[field.ResponseName];
        if (named.IsComposite)
        {
            field.Children = SelectionSet(named, bound.Child!, depth + 1);
        }

        AddDirectives(field);
        return field;
    }

    private InlineFragment InlineFragmentOn(TypeDefinition type, Scope scope, int depth, int fragmentNesting)
    {
        var condition = TypeCondition(type);
        var target = condition is null ? type : schema[condition];
        var fragment = new InlineFragment { TypeCondition = condition, Children = SelectionSet(target, scope, depth, fragmentNesting: fragmentNesting + 1) };
        AddDirectives(fragment);
        return fragment;
    }

    private FragmentSpread? Spread(TypeDefinition type, Scope scope, int depth, int fragmentNesting)
    {
        // Reuse a fragment already defined when it applies here and its names agree with the scope's.
        var reusable = _fragments.Where(f => schema.Overlap(f.Definition.TypeCondition, type.Name).Any()).ToList();
        if (reusable.Count > 0 && random.NextDouble() < 0.5)
        {
            var (definition, fragmentScope) = reusable[random.Next(reusable.Count)];
            if (scope.TryMerge(fragmentScope))
            {
                var reused = new FragmentSpread { FragmentName = definition.Name };
                AddDirectives(reused);
                return reused;
            }
        }

        var condition = TypeCondition(type) ?? type.Name;
        var ownScope = new Scope();
        var children = SelectionSet(schema[condition], ownScope, depth, fragmentNesting: fragmentNesting + 1);
        if (!scope.CanMerge(ownScope))
        {
            return null;
        }

        scope.TryMerge(ownScope);
        var name = "F" + (_fragments.Count + 1);
        _fragments.Add((new FragmentDefinition { Name = name, TypeCondition = condition, Children = children }, ownScope));
        var spread = new FragmentSpread { FragmentName = name };
        AddDirectives(spread);
        return spread;
    }

    /// <summary>A type condition valid inside <paramref name="type"/>: itself, a possible type, or an overlapping abstract type.</summary>
    private string? TypeCondition(TypeDefinition type)
    {
        var roll = random.NextDouble();
        if (roll < 0.1)
        {
            return null;
        }

        if (roll < 0.25 || type.PossibleTypes.Count == 0)
        {
            return type.Name;
        }

        if (roll < 0.4)
        {
            var abstracts = schema.Types.Values.Where(t => t.IsAbstract && t.Name != type.Name && schema.Overlap(t.Name, type.Name).Any()).ToList();
            if (abstracts.Count > 0)
            {
                return abstracts[random.Next(abstracts.Count)].Name;
            }
        }

        return type.PossibleTypes[random.Next(type.PossibleTypes.Count)];
    }

    private void AddDirectives(Selection selection)
    {
        if (random.NextDouble() >= 0.15)
        {
            return;
        }

        var name = random.NextDouble() < 0.5 ? "skip" : "include";
        var value = random.NextDouble() < 0.5;
        ValueRef condition;
        if (random.NextDouble() < 0.5)
        {
            condition = new ValueRef { Literal = value ? "true" : "false", Json = JsonValue.Create(value) };
        }
        else
        {
            var variable = new VariableDefinition { Name = "c" + ++_variables, Type = new TypeRef("Boolean", null, true), Value = JsonValue.Create(value) };
            if (random.NextDouble() < 0.2)
            {
                // Boolean with a default, sometimes left to it.
                variable = new VariableDefinition
                {
                    Name = variable.Name,
                    Type = new TypeRef("Boolean", null, false),
                    DefaultLiteral = value ? "true" : "false",
                    Omitted = true,
                    Value = JsonValue.Create(value),
                };
            }

            _variableList.Add(variable);
            condition = new ValueRef { Variable = variable.Name, Literal = value ? "true" : "false", Json = JsonValue.Create(value) };
        }

        selection.Directives.Add(new Directive { Name = name, Condition = condition });
    }

    private ValueRef Value(TypeDefinition parent, FieldDefinition field, ArgumentDefinition argument)
    {
        var json = ValuePools.Pick(random, schema, parent.Name, field.Name, argument.Name, argument.Type);
        var literal = ValuePools.Literal(json, argument.Type, schema);
        if (random.NextDouble() < 0.3)
        {
            var variable = new VariableDefinition { Name = "v" + ++_variables, Type = argument.Type, Value = json };
            _variableList.Add(variable);
            return new ValueRef { Variable = variable.Name, Literal = literal, Json = json?.DeepClone() };
        }

        return new ValueRef { Literal = literal, Json = json };
    }

    private string FreshAlias(Scope scope)
    {
        string alias;
        do
        {
            alias = "f" + ++_aliases;
        }
        while (scope.Names.ContainsKey(alias));
        return alias;
    }

    /// <summary>A response name bound to a field, its arguments and its type; <see cref="Child"/> for its selection.</summary>
    private sealed record Binding(string Field, string Arguments, string Type, Scope? Child)
    {
        public bool Agrees(Binding other) => Field == other.Field && Arguments == other.Arguments && Type == other.Type;
    }

    /// <summary>The response names of one response object, across every fragment that selects into it.</summary>
    private sealed class Scope
    {
        public Dictionary<string, Binding> Names { get; } = new(StringComparer.Ordinal);

        public bool TryBind(string name, Binding binding)
        {
            if (Names.TryGetValue(name, out var existing))
            {
                return existing.Agrees(binding);
            }

            Names[name] = binding;
            return true;
        }

        public bool CanMerge(Scope other) => other.Names.All(pair =>
            !Names.TryGetValue(pair.Key, out var mine)
            || mine.Agrees(pair.Value) && (mine.Child is null || mine.Child.CanMerge(pair.Value.Child!)));

        public bool TryMerge(Scope other)
        {
            if (!CanMerge(other))
            {
                return false;
            }

            foreach (var (name, binding) in other.Names)
            {
                if (Names.TryGetValue(name, out var mine))
                {
                    mine.Child?.TryMerge(binding.Child!);
                }
                else
                {
                    Names[name] = binding with { Child = binding.Child?.Copy() };
                }
            }

            return true;
        }

        private Scope Copy()
        {
            var copy = new Scope();
            foreach (var (name, binding) in Names)
            {
                copy.Names[name] = binding with { Child = binding.Child?.Copy() };
            }

            return copy;
        }
    }
}
