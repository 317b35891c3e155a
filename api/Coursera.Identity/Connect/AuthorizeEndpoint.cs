using Coursera.Identity.Account;
using Coursera.Identity.Model;
using Coursera.Identity.Tenants;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coursera.Identity.Connect;

/// <summary>
/// The authorization endpoint (code flow with PKCE; OpenIddict has checked the client, redirect URI, scopes and code
/// challenge before this runs). Signs the user in first (the login page comes back here), asks for consent where the
/// client is not first party and none was given before, then issues the code.
/// </summary>
internal static class AuthorizeEndpoint
{
    public const string ConsentField = "consent";

    public static async Task<IResult> HandleAsync(
        HttpContext http,
        UserManager<User> users,
        IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations,
        TokenPrincipals principals,
        TenantInvitations invitations,
        IAntiforgery antiforgery)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request is missing.");
        var cancellationToken = http.RequestAborted;
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal) : null;
        var signedInAt = cookie.Succeeded ? SignInTime.Of(cookie) : null;
        if (user is null || request.HasPromptValue(PromptValues.Login) || Expired(signedInAt, request))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return ConnectEndpoints.Refuse(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back here after the login page, without prompt=login or max_age (max_age=0 is never met), or it would ask
            // again forever; the new sign-in's time is in the tokens as auth_time for the client to check.
            var parameters = (http.Request.HasFormContentType ? http.Request.Form.AsEnumerable() : http.Request.Query)
                .Where(p => p.Key != Parameters.Prompt && p.Key != Parameters.MaxAge && p.Key != ConsentField && p.Key != "__RequestVerificationToken");
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
            if (user is not null)
            {
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            return Results.Redirect(AccountPaths.Login + QueryString.Create("returnUrl", returnUrl));
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict admitted an unknown client.");
        var applicationId = (await applications.GetIdAsync(application, cancellationToken))!;
        var subject = user.Id.ToString();
        var scopes = request.GetScopes();
        var granted = await authorizations.FindAsync(subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, scopes, cancellationToken)
            .ToListAsync(cancellationToken);

        var firstParty = await applications.GetConsentTypeAsync(application, cancellationToken) == ConsentTypes.Implicit;
        if (!firstParty && granted.Count == 0)
        {
            var answer = http.Request.HasFormContentType ? http.Request.Form[ConsentField].ToString() : "";
            if (answer.Length > 0 && !await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            switch (answer)
            {
                case "accept":
                    // The consent itself is remembered, so the user is asked once per client and set of scopes.
                    var consent = await principals.ForUserAsync(user, scopes, carryRoles: false, signedInAt, cancellationToken);
                    await authorizations.CreateAsync(consent, subject, applicationId, AuthorizationTypes.Permanent, consent.GetScopes(), cancellationToken);
                    break;
                case "deny":
                    return ConnectEndpoints.Refuse(Errors.AccessDenied, "The user declined the authorization.");
                default:
                    if (request.HasPromptValue(PromptValues.None))
                    {
                        return ConnectEndpoints.Refuse(Errors.ConsentRequired, "The user has not consented to this client.");
                    }

                    var clientName = await applications.GetLocalizedDisplayNameAsync(application, cancellationToken) ?? request.ClientId!;
                    return ConsentPage.Render(http, antiforgery, clientName, scopes);
            }
        }

        // Each sign-in gets an authorization of its own: the tokens issued from it form one chain, and reuse detection
        // revokes that chain, not the user's sessions on every other device.
        await invitations.AcceptMailedAsync(user, cancellationToken);
        var principal = await principals.ForUserAsync(user, scopes, carryRoles: firstParty, signedInAt, cancellationToken);
        var authorization = await authorizations.CreateAsync(principal, subject, applicationId, AuthorizationTypes.AdHoc, principal.GetScopes(),
            cancellationToken);
        principal.SetAuthorizationId(await authorizations.GetIdAsync(authorization, cancellationToken));
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary><c>max_age</c>: the client wants a sign-in no older than this many seconds (0: a new one now).</summary>
    private static bool Expired(DateTimeOffset? signedInAt, OpenIddictRequest request) =>
        request.MaxAge is { } maxAge && (signedInAt is not { } at || DateTimeOffset.UtcNow - at >= TimeSpan.FromSeconds(Math.Max(maxAge, 0)));
}
