using Coursera.Federation.Authorization;
using GraphQLParser.AST;

namespace Coursera.Federation.Composition;

/// <summary>
/// What a caller needs to select a field, or any field returning a type: the authorization directives of Federation v2.5
/// (<c>@authenticated</c>, <c>@requiresScopes(scopes:)</c>, <c>@policy(policies:)</c>) from every subgraph that declares
/// them. Each <c>scopes</c>/<c>policies</c> argument is a list of alternatives, each alternative a set that must be held
/// in full (<c>[["read:a", "read:b"], ["admin"]]</c>: both reads, or admin); every argument met along the way must be
/// satisfied (a field's and its type's, one subgraph's and another's).
/// </summary>
public sealed class AccessRequirements
{
    private readonly List<IReadOnlyList<IReadOnlyList<string>>> _scopes = [];
    private readonly List<IReadOnlyList<IReadOnlyList<string>>> _policies = [];

    public bool Authenticated { get; private set; }

    /// <summary>Each entry: alternatives, one of which the caller's scopes must contain in full.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Scopes => _scopes;

    /// <summary>Each entry: alternatives, one of which the caller must be granted every policy of.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Policies => _policies;

    public bool IsEmpty => !Authenticated && _scopes.Count == 0 && _policies.Count == 0;

    /// <summary>Adds the requirements a subgraph's directives state on one type or field.</summary>
    internal void Read(GraphQLDirectives? directives, Func<GraphQLDirective, string?> canonical)
    {
        foreach (var directive in directives?.Items ?? [])
        {
            switch (canonical(directive))
            {
                case "authenticated":
                    Authenticated = true;
                    break;
                case "requiresScopes" when Sets(directive, "scopes") is { } sets:
                    AddOnce(_scopes, sets);
                    break;
                case "policy" when Sets(directive, "policies") is { } sets:
                    AddOnce(_policies, sets);
                    break;
            }
        }
    }

    /// <summary>Whether <paramref name="caller"/>, granted <paramref name="policies"/>, meets all of these.</summary>
    public bool AreMetBy(GatewayCaller caller, IReadOnlySet<string> policies)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(policies);
        return (!Authenticated || caller.IsAuthenticated)
            && _scopes.All(alternatives => alternatives.Any(set => set.All(caller.Scopes.Contains)))
            && _policies.All(alternatives => alternatives.Any(set => set.All(policies.Contains)));
    }

    /// <summary>Every policy named here: the caller is asked about these before the operation runs.</summary>
    public IEnumerable<string> PolicyNames => _policies.SelectMany(a => a).SelectMany(s => s);

    private static IReadOnlyList<IReadOnlyList<string>>? Sets(GraphQLDirective directive, string argument) =>
        FederationSpec.Argument(directive, argument) is GraphQLListValue { Values: { } alternatives }
            ? [.. alternatives.Select(a => (IReadOnlyList<string>)(a is GraphQLListValue { Values: { } names }
                ? [.. names.OfType<GraphQLStringValue>().Select(n => n.Value.ToString())]
                : a is GraphQLStringValue single ? [single.Value.ToString()] : []))]
            : null;

    private static void AddOnce(List<IReadOnlyList<IReadOnlyList<string>>> all, IReadOnlyList<IReadOnlyList<string>> sets)
    {
        var text = Print(sets);
        if (!all.Any(existing => Print(existing) == text))
        {
            all.Add(sets);
        }
    }

    private static string Print(IReadOnlyList<IReadOnlyList<string>> sets) => string.Join(" | ", sets.Select(s => string.Join(" & ", s)));
}
