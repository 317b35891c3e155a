using System.Text.RegularExpressions;
using Coursera.Federation.Fuzzing.Generation;

namespace Coursera.Federation.Fuzzing.Running;

/// <summary>
/// Minimises an operation whose responses differ: greedily applies the first edit (drop a selection, a fragment's
/// wrapper, a directive, an alias or an optional argument; inline a named fragment; turn a variable into its literal)
/// after which the reference still accepts the operation and the responses still differ in the same way, until no
/// edit keeps the difference. Then names aliases, variables and fragments canonically.
/// </summary>
internal sealed partial class Shrinker(FederationPair pair, int budget = 400)
{
    public int Evaluations { get; private set; }

    public async Task<(Operation Operation, Outcome Outcome)> ShrinkAsync(Operation operation, Outcome outcome, CancellationToken cancellationToken)
    {
        var kind = outcome.Difference!.Kind;
        var current = operation;
        var currentOutcome = outcome;
        var progress = true;
        while (progress && Evaluations < budget)
        {
            progress = false;
            for (var site = 0; Evaluations < budget; site++)
            {
                var candidate = current.Clone();
                var edits = Edits(candidate);
                if (site >= edits.Count)
                {
                    break;
                }

                if (!edits[site]())
                {
                    continue;
                }

                Evaluations++;
                var result = await pair.RunAsync(candidate, cancellationToken);
                if (result.Difference?.Kind == kind && result.Reference.ContainsKey("data"))
                {
                    current = candidate;
                    currentOutcome = result;
                    progress = true;
                    break;
                }
            }
        }

        var canonical = Canonical(current);
        var final = await pair.RunAsync(canonical, cancellationToken);
        return final.Difference is null ? (current, currentOutcome) : (canonical, final);
    }

    /// <summary>Every edit that applies to <paramref name="operation"/>, outermost first; each returns false if it does nothing.</summary>
    private static List<Func<bool>> Edits(Operation operation)
    {
        var edits = new List<Func<bool>>();
        void Visit(List<Selection> selections, bool root)
        {
            for (var i = 0; i < selections.Count; i++)
            {
                var index = i;
                var selection = selections[i];
                edits.Add(() =>
                {
                    if (selections.Count > 1)
                    {
                        selections.RemoveAt(index);
                        return true;
                    }

                    if (root || selection is FieldSelection { Name: "__typename", Alias: null, Directives.Count: 0 })
                    {
                        return false;
                    }

                    selections[index] = new FieldSelection { Name = "__typename" };
                    return true;
                });
            }

            foreach (var selection in selections.ToList())
            {
                var index = selections.IndexOf(selection);
                switch (selection)
                {
                    case InlineFragment inline:
                        edits.Add(() =>
                        {
                            selections.RemoveAt(index);
                            selections.InsertRange(index, inline.Children);
                            return true;
                        });
                        break;
                    case FragmentSpread spread:
                        edits.Add(() =>
                        {
                            var definition = operation.Fragments.First(f => f.Name == spread.FragmentName);
                            selections[index] = new InlineFragment
                            {
                                TypeCondition = definition.TypeCondition,
                                Children = [.. definition.Children.Select(c => c.Clone())],
                                Directives = spread.Directives,
                            };
                            return true;
                        });
                        break;
                    case FieldSelection field:
                        if (field.Alias is not null)
                        {
                            edits.Add(() =>
                            {
                                field.Alias = null;
                                return true;
                            });
                        }

                        foreach (var argument in field.Arguments.ToList())
                        {
                            if (!argument.Required)
                            {
                                edits.Add(() => field.Arguments.Remove(argument));
                            }

                            if (argument.Value.Variable is not null)
                            {
                                edits.Add(() =>
                                {
                                    argument.Value.Variable = null;
                                    return true;
                                });
                            }
                        }

                        break;
                }

                foreach (var directive in selection.Directives.ToList())
                {
                    edits.Add(() => selection.Directives.Remove(directive));
                    if (directive.Condition.Variable is not null)
                    {
                        edits.Add(() =>
                        {
                            directive.Condition.Variable = null;
                            return true;
                        });
                    }
                }
            }

            foreach (var selection in selections)
            {
                switch (selection)
                {
                    case FieldSelection { Children: { } children }:
                        Visit(children, root: false);
                        break;
                    case InlineFragment inline:
                        Visit(inline.Children, root: false);
                        break;
                }
            }
        }

        Visit(operation.Selections, root: true);
        foreach (var fragment in operation.UsedFragments())
        {
            Visit(fragment.Children, root: false);
        }

        return edits;
    }

    /// <summary>The operation with generated names renumbered in order of appearance (f1…, v1…, c1…, F1…) and unused definitions dropped.</summary>
    public static Operation Canonical(Operation operation)
    {
        var text = operation.Print();
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match match in GeneratedName().Matches(text))
        {
            var name = match.Value.TrimStart('$');
            if (!renames.ContainsKey(name))
            {
                var prefix = name[..1];
                counters[prefix] = counters.GetValueOrDefault(prefix) + 1;
                renames[name] = prefix + counters[prefix];
            }
        }

        string Rename(string name) => renames.GetValueOrDefault(name, name);
        var copy = operation.Clone();
        var used = copy.UsedVariables();
        var fragments = copy.UsedFragments();
        void Visit(List<Selection> selections)
        {
            for (var i = 0; i < selections.Count; i++)
            {
                foreach (var directive in selections[i].Directives)
                {
                    directive.Condition.Variable = directive.Condition.Variable is null ? null : Rename(directive.Condition.Variable);
                }

                switch (selections[i])
                {
                    case FieldSelection field:
                        if (field.Alias is not null && GeneratedName().IsMatch(field.Alias))
                        {
                            field.Alias = Rename(field.Alias);
                        }

                        foreach (var argument in field.Arguments)
                        {
                            argument.Value.Variable = argument.Value.Variable is null ? null : Rename(argument.Value.Variable);
                        }

                        if (field.Children is not null)
                        {
                            Visit(field.Children);
                        }

                        break;
                    case InlineFragment inline:
                        Visit(inline.Children);
                        break;
                    case FragmentSpread spread:
                        selections[i] = new FragmentSpread { FragmentName = Rename(spread.FragmentName), Directives = spread.Directives };
                        break;
                }
            }
        }

        Visit(copy.Selections);
        foreach (var fragment in fragments)
        {
            Visit(fragment.Children);
        }

        return new Operation
        {
            IsMutation = copy.IsMutation,
            Name = copy.Name,
            Selections = copy.Selections,
            Variables = [.. copy.Variables.Where(v => used.Contains(v.Name)).Select(v => new VariableDefinition
            {
                Name = Rename(v.Name),
                Type = v.Type,
                Value = v.Value,
                DefaultLiteral = v.DefaultLiteral,
                Omitted = v.Omitted,
            }).OrderBy(v => v.Name, StringComparer.Ordinal)],
            Fragments = [.. fragments.Select(f => new FragmentDefinition { Name = Rename(f.Name), TypeCondition = f.TypeCondition, Children = f.Children })
                .OrderBy(f => f.Name, StringComparer.Ordinal)],
        };
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_])\$?(?:f|v|c|F)\d+\b")]
    private static partial Regex GeneratedName();
}
