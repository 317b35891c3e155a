using Coursera.Identity.Account;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coursera.Identity.Connect;

/// <summary>
/// Ends the user's session with the identity server and returns to the client's post-logout URI (OpenIddict checks it).
/// A request that proves it comes from the user's own client (an <c>id_token_hint</c> issued to the signed-in user)
/// signs out at once; any other (an <c>&lt;img src="/connect/endsession"&gt;</c> on some site) gets a page asking
/// the user to confirm, whose form carries an antiforgery token.
/// </summary>
internal static class EndSessionEndpoint
{
    private const string ConfirmField = "confirm";

    public static async Task<IResult> HandleAsync(HttpContext http, IAntiforgery antiforgery)
    {
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var signedIn = cookie.Succeeded ? cookie.Principal.FindFirst(Claims.Subject)?.Value : null;
        var hint = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal?.GetClaim(Claims.Subject);
        var confirmed = http.Request.HasFormContentType && http.Request.Form[ConfirmField] == "yes" && await antiforgery.IsRequestValidAsync(http);
        if (signedIn is not null && hint != signedIn && !confirmed)
        {
            var parameters = (http.Request.HasFormContentType ? http.Request.Form.AsEnumerable() : http.Request.Query)
                .Where(p => p.Key is not (ConfirmField or "__RequestVerificationToken")).ToList();
            return new Page("Sign out")
                .Heading("Sign out?")
                .Paragraph("An application asked to sign you out of your Coursera account.")
                .Form(http, antiforgery, ConnectEndpoints.EndSession, f =>
                {
                    foreach (var (name, values) in parameters)
                    {
                        f.Hidden(name, values.ToString());
                    }

                    f.Button(ConfirmField, "yes", "Sign out");
                }, submit: null)
                .Result();
        }

        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
