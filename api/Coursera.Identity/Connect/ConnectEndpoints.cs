using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coursera.Identity.Connect;

/// <summary>
/// The OpenID Connect endpoints OpenIddict hands to the application (passthrough): authorize, token, userinfo and end
/// session. Discovery, JWKS, revocation and introspection OpenIddict answers itself.
/// </summary>
internal static class ConnectEndpoints
{
    public const string Authorize = "/connect/authorize";
    public const string Token = "/connect/token";
    public const string UserInfo = "/connect/userinfo";
    public const string EndSession = "/connect/endsession";
    public const string Revoke = "/connect/revoke";
    public const string Introspect = "/connect/introspect";

    public static void MapConnectEndpoints(this WebApplication app)
    {
        app.MapMethods(Authorize, [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeEndpoint.HandleAsync).DisableAntiforgery();
        app.MapPost(Token, (Delegate)TokenEndpoint.HandleAsync).DisableAntiforgery();
        app.MapMethods(UserInfo, [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfoEndpoint.HandleAsync).DisableAntiforgery();
        app.MapMethods(EndSession, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionEndpoint.HandleAsync).DisableAntiforgery();
    }

    /// <summary>An OAuth error response (<c>error</c>, <c>error_description</c>) written by OpenIddict.</summary>
    public static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    public static IResult InvalidGrant(string description) => Refuse(Errors.InvalidGrant, description);
}
