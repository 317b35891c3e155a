using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Server.AspNetCore;

namespace Coursera.Identity.Connect;

/// <summary>Ends the user's session with the identity server and returns to the client's post-logout URI (OpenIddict checks it).</summary>
internal static class EndSessionEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http)
    {
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
