using Coursera.Identity.Model;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coursera.Identity.Clients;

/// <summary>
/// Public clients (no secret; PKCE required) that sign users in with the authorization code flow. First-party ones
/// (our own apps) have implicit consent and skip the consent page, and may ask for the first-party-only scopes
/// (<see cref="ApiScopes.FirstPartyOnly"/>: personal data); third-party ones ask the user, and can hold neither those
/// nor <c>roles</c>, so no token a user gives them carries a platform administrator's powers or erases an account.
/// </summary>
public sealed class FirstPartyClients(IOpenIddictApplicationManager applications)
{
    public async Task RegisterAsync(string clientId, string displayName, Uri redirectUri, Uri postLogoutRedirectUri, bool firstParty,
        IEnumerable<string> apiScopes, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            ConsentType = firstParty ? ConsentTypes.Implicit : ConsentTypes.Explicit,
            DisplayName = displayName,
            RedirectUris = { redirectUri },
            PostLogoutRedirectUris = { postLogoutRedirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        IEnumerable<string> granted = firstParty
            ? [Scopes.Roles, .. apiScopes, .. ApiScopes.FirstPartyOnly]
            : apiScopes.Where(s => s != Scopes.Roles && !ApiScopes.FirstPartyOnly.Contains(s));
        foreach (var scope in granted.Distinct())
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        await applications.CreateAsync(descriptor, cancellationToken);
    }
}
