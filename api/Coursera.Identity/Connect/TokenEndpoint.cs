using Coursera.Identity.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coursera.Identity.Connect;

/// <summary>
/// The token endpoint: client credentials for API clients; authorization codes and refresh tokens for users, whose
/// claims are built again at every exchange, so a locked or deleted account gets nothing and a changed role shows at
/// the next refresh. Refresh tokens rotate; OpenIddict revokes the whole chain when a used one comes back.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, UserManager<User> users, TokenPrincipals principals)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request is missing.");
        var cancellationToken = http.RequestAborted;
        if (request.IsClientCredentialsGrantType())
        {
            var principal = await principals.ForApiClientAsync(request.ClientId!, request.GetScopes(), cancellationToken);
            return principal is null
                ? ConnectEndpoints.Refuse(Errors.InvalidClient, "This client is not an active API client.")
                : Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var redeemed = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal
                ?? throw new InvalidOperationException("OpenIddict validated a grant without a principal.");
            var user = Guid.TryParse(redeemed.GetClaim(Claims.Subject), out var id) ? await users.FindByIdAsync(id.ToString()) : null;
            if (user is null)
            {
                return ConnectEndpoints.InvalidGrant("The account no longer exists.");
            }

            if (await users.IsLockedOutAsync(user))
            {
                return ConnectEndpoints.InvalidGrant("The account is locked.");
            }

            // A new password, two-factor switched on or off: every sign-in from before must be done again.
            if (redeemed.GetClaim(TokenPrincipals.SecurityStampClaim) != await users.GetSecurityStampAsync(user))
            {
                return ConnectEndpoints.InvalidGrant("The account's security settings changed; sign in again.");
            }

            var principal = await principals.ForUserAsync(user, redeemed.GetScopes(), TokenPrincipals.MayCarryRoles(redeemed),
                TokenPrincipals.SignedInAt(redeemed), cancellationToken);
            principal.SetAuthorizationId(redeemed.GetAuthorizationId());
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return ConnectEndpoints.Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }
}
