namespace Coursera.Federation.Authorization;

/// <summary>
/// Who sends a request, as far as the supergraph's authorization directives ask: signed in or not, the token's scopes,
/// and a way to decide a named <c>@policy</c> (asked only for the policies the operation meets).
/// </summary>
public sealed class GatewayCaller(bool isAuthenticated, IEnumerable<string> scopes, Func<string, CancellationToken, Task<bool>>? policy = null)
{
    /// <summary>Nobody signed in: no scope, no policy.</summary>
    public static GatewayCaller Anonymous { get; } = new(false, []);

    public bool IsAuthenticated { get; } = isAuthenticated;

    public IReadOnlySet<string> Scopes { get; } = scopes.ToHashSet(StringComparer.Ordinal);

    /// <summary>The policies among <paramref name="names"/> this caller is granted.</summary>
    public async Task<IReadOnlySet<string>> GrantedPoliciesAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var granted = new HashSet<string>(StringComparer.Ordinal);
        if (policy is null)
        {
            return granted;
        }

        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (await policy(name, cancellationToken))
            {
                granted.Add(name);
            }
        }

        return granted;
    }
}
