using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coursera.Identity.Clients;

/// <summary>
/// Public clients (no secret; PKCE required) that sign users in with the authorization code flow. First-party ones
/// (our own apps) have implicit consent and skip the consent page; third-party ones ask the user.
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
                Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var scope in apiScopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        await applications.CreateAsync(descriptor, cancellationToken);
    }
}
