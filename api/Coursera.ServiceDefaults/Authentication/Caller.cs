using System.Security.Claims;

namespace Coursera.ServiceDefaults.Authentication;

/// <summary>
/// Who is calling, read from a validated access token: a user with roles in tenants, or an API client of one tenant
/// with scopes. Services decide with it; nothing here grants anything by itself.
/// </summary>
public sealed class Caller
{
    private readonly HashSet<string> _memberships;
    private readonly HashSet<string> _scopes;
    private readonly HashSet<Guid> _partners;
    private readonly HashSet<Guid> _organizations;

    private Caller(ClaimsPrincipal principal)
    {
        var authenticated = principal.Identity?.IsAuthenticated == true;
        Subject = authenticated ? principal.FindFirst(CourseraClaims.Subject)?.Value : null;
        ClientId = authenticated ? principal.FindFirst(CourseraClaims.ClientId)?.Value : null;
        DisplayName = authenticated ? principal.FindFirst(CourseraClaims.Name)?.Value : null;
        Email = authenticated ? principal.FindFirst(CourseraClaims.Email)?.Value : null;
        IsApiClient = Subject is not null && Subject == ClientId;
        _memberships = Values(principal, CourseraClaims.Membership, authenticated);
        _scopes = [.. Values(principal, CourseraClaims.Scope, authenticated).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        _partners = Ids(principal, CourseraClaims.PartnerId, authenticated);
        _organizations = Ids(principal, CourseraClaims.OrganizationId, authenticated);
        IsPlatformAdmin = !IsApiClient && Values(principal, CourseraClaims.Role, authenticated).Contains("platform_admin");
        AuthenticatedAt = authenticated && long.TryParse(principal.FindFirst(CourseraClaims.AuthenticationTime)?.Value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    public static Caller Anonymous { get; } = new(new ClaimsPrincipal());

    /// <summary>The user id, or the client id of an API client; null when anonymous.</summary>
    public string? Subject { get; }

    public bool IsAuthenticated => Subject is not null;

    /// <summary>The caller is a machine client (client credentials), not a user.</summary>
    public bool IsApiClient { get; }

    /// <summary>The user's display name (the API client's name for a client), as the token carries it.</summary>
    public string? DisplayName { get; }

    /// <summary>The user's email, when the token was granted the <c>email</c> scope.</summary>
    public string? Email { get; }

    /// <summary>The client the token was issued to (a user's app, or the API client itself).</summary>
    public string? ClientId { get; }

    public bool IsPlatformAdmin { get; }

    /// <summary>When the user last signed in with their password or a second factor; null when the token does not say.</summary>
    public DateTimeOffset? AuthenticatedAt { get; }

    /// <summary>
    /// The user proved who they are within <paramref name="window"/> (a token refreshed for days keeps its old sign-in
    /// time), which account-changing operations ask for so that a stolen access token cannot take an account over.
    /// </summary>
    public bool SignedInWithin(TimeSpan window, DateTimeOffset now) =>
        UserId is not null && AuthenticatedAt is { } at && now - at <= window;

    /// <summary>The user's id, when the caller is a user.</summary>
    public Guid? UserId => !IsApiClient && Guid.TryParse(Subject, out var id) ? id : null;

    public IReadOnlySet<Guid> Partners => _partners;

    public IReadOnlySet<Guid> Organizations => _organizations;

    public static Caller From(ClaimsPrincipal? principal) => principal is null ? Anonymous : new Caller(principal);

    /// <summary>The user holds <paramref name="role"/> in tenant <paramref name="tenantId"/>.</summary>
    public bool HasRole(Guid tenantId, string role) => !IsApiClient && _memberships.Contains($"{tenantId}:{role}");

    /// <summary>The tenants in which the user holds <paramref name="role"/> (none for an API client).</summary>
    public IReadOnlyList<Guid> TenantsWithRole(string role) => IsApiClient
        ? []
        : [.. _memberships.Select(m => m.Split(':')).Where(p => p.Length == 2 && p[1] == role && Guid.TryParse(p[0], out _)).Select(p => Guid.Parse(p[0]))];

    public bool HasScope(string scope) => _scopes.Contains(scope);

    /// <summary>An API client of this partner holding <paramref name="scope"/>.</summary>
    public bool IsClientOf(Guid tenantId, string scope) =>
        IsApiClient && (_partners.Contains(tenantId) || _organizations.Contains(tenantId)) && HasScope(scope);

    /// <summary>Belongs to the partner in any way: its staff in any role, or one of its API clients.</summary>
    public bool BelongsTo(Guid tenantId) => _partners.Contains(tenantId) || _organizations.Contains(tenantId);

    private static HashSet<string> Values(ClaimsPrincipal principal, string type, bool authenticated) =>
        authenticated ? [.. principal.FindAll(type).Select(c => c.Value)] : [];

    private static HashSet<Guid> Ids(ClaimsPrincipal principal, string type, bool authenticated) =>
        [.. Values(principal, type, authenticated).Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];
}
