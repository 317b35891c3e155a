using System.Security.Claims;
using Coursera.Identity.Data;
using Coursera.Identity.Model;
using Coursera.ServiceDefaults.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coursera.Identity.Connect;

/// <summary>
/// Builds what a token says about its subject: for a user, <c>sub</c>, name and email (for the scopes that ask),
/// roles, one <c>membership</c> claim per role in a tenant, and the partner and organization ids; for an API client,
/// its client id as <c>sub</c>, its tenant's id and its scopes. Built afresh at every issue, so a refresh picks up a
/// role removed in the meantime. Invitations not yet accepted give nothing.
/// </summary>
public sealed class TokenPrincipals(IdentityServiceDbContext db)
{
    /// <summary>Kept in codes and refresh tokens only (no destination), to notice a security change at the next refresh.</summary>
    public const string SecurityStampClaim = "security_stamp";

    private const string CarriesRolesClaim = "carries_roles";

    /// <param name="carryRoles">
    /// Roles, memberships and tenant ids go into the token only for our own applications or when the user granted
    /// the <c>roles</c> scope: a third-party application sees (and can act with) only what was consented to.
    /// </param>
    /// <param name="signedInAt">
    /// When the user last proved who they are (<c>auth_time</c>), kept through codes and refresh tokens: a refresh is no
    /// new sign-in, so operations that ask for a recent one can tell.
    /// </param>
    public async Task<ClaimsPrincipal> ForUserAsync(User user, IEnumerable<string> scopes, bool carryRoles, DateTimeOffset? signedInAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var granted = scopes.ToList();
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id.ToString());
        if (signedInAt is { } at)
        {
            identity.SetClaim(Claims.AuthenticationTime, at.ToUnixTimeSeconds());
        }

        identity.SetClaim(SecurityStampClaim, user.SecurityStamp);
        identity.SetClaim(CarriesRolesClaim, carryRoles || granted.Contains(Scopes.Roles));
        if (granted.Contains(Scopes.Profile))
        {
            identity.SetClaim(Claims.Name, user.DisplayName);
        }

        if (granted.Contains(Scopes.Email))
        {
            identity.SetClaim(Claims.Email, user.Email);
            identity.SetClaim(Claims.EmailVerified, user.EmailConfirmed);
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(granted);
        principal.SetDestinations(DestinationsOf);
        if (!carryRoles && !granted.Contains(Scopes.Roles))
        {
            return principal;
        }

        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id && m.State == MembershipState.Active)
            .Select(m => new { m.TenantId, m.Role, m.Tenant!.Kind }).ToListAsync(cancellationToken);
        identity.SetClaims(Claims.Role, [.. memberships.Select(m => m.Role).Distinct()]);
        identity.SetClaims(CourseraClaims.Membership, [.. memberships.Select(m => $"{m.TenantId}:{m.Role}")]);
        identity.SetClaims(CourseraClaims.PartnerId, [.. memberships.Where(m => m.Kind == TenantKind.Partner).Select(m => m.TenantId.ToString()).Distinct()]);
        identity.SetClaims(CourseraClaims.OrganizationId,
            [.. memberships.Where(m => m.Kind == TenantKind.Organization).Select(m => m.TenantId.ToString()).Distinct()]);
        principal.SetDestinations(DestinationsOf);
        return principal;
    }

    /// <summary>Whether the sign-in a code or refresh token came from could carry roles (see <see cref="ForUserAsync"/>).</summary>
    public static bool MayCarryRoles(ClaimsPrincipal redeemed) =>
        string.Equals(redeemed?.GetClaim(CarriesRolesClaim), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>auth_time</c> a code or refresh token carries on (see <see cref="ForUserAsync"/>).</summary>
    public static DateTimeOffset? SignedInAt(ClaimsPrincipal redeemed) =>
        long.TryParse(redeemed?.GetClaim(Claims.AuthenticationTime), System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <returns>Null when the client is not an active API client of a tenant.</returns>
    public async Task<ClaimsPrincipal?> ForApiClientAsync(string clientId, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.AsNoTracking().Include(c => c.Tenant)
            .SingleOrDefaultAsync(c => c.ClientId == clientId && c.RevokedAt == null, cancellationToken);
        if (client?.Tenant is null)
        {
            return null;
        }

        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, client.ClientId);
        identity.SetClaim(Claims.Name, client.Name);
        // The platform's own clients (its grading worker) speak for no partner or organization: only their scopes count.
        if (client.Tenant.Kind != TenantKind.Platform)
        {
            identity.SetClaim(client.Tenant.Kind == TenantKind.Organization ? CourseraClaims.OrganizationId : CourseraClaims.PartnerId,
                client.TenantId.ToString());
        }

        var principal = new ClaimsPrincipal(identity);
        // A client that names no scope gets all of its own, as the client-credentials grant usually does.
        var requested = scopes.ToList();
        principal.SetScopes(requested.Count == 0 ? client.Scopes : requested.Intersect(client.Scopes, StringComparer.Ordinal));
        principal.SetDestinations(DestinationsOf);
        return principal;
    }

    private static ClaimsIdentity NewIdentity() => new(
        OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);

    /// <summary>
    /// Access tokens carry what services decide on; identity tokens only what the client may show (name and email
    /// exist only when the profile and email scopes were granted). The private claims stay in codes and refresh tokens.
    /// </summary>
    private static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.Name or Claims.Email or Claims.EmailVerified or Claims.AuthenticationTime => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Role when claim.Subject?.HasScope(Scopes.Roles) == true => [Destinations.AccessToken, Destinations.IdentityToken],
        SecurityStampClaim or CarriesRolesClaim => [],
        _ => [Destinations.AccessToken],
    };
}
