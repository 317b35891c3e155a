using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Coursera.Identity.Account;

/// <summary>
/// The identity server's own sign-in cookie. Its security stamp is checked against the database every minute, so a
/// password reset, erasure or lockout ends a copied cookie within a minute instead of half an hour; it lasts eight hours
/// from the sign-in whatever the activity (no sliding), after which the user proves who they are again. (The stamp
/// checks re-issue the cookie, so its <c>IssuedUtc</c> is not the sign-in time: see <c>Connect/SignInTime</c>.)
/// </summary>
public static class SessionCookie
{
    public const string Name = "coursera.identity";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
    public static readonly TimeSpan StampCheckInterval = TimeSpan.FromMinutes(1);

    public static void Configure(CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LoginPath = AccountPaths.Login;
        options.LogoutPath = AccountPaths.Logout;
        options.Cookie.Name = Name;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = Lifetime;
        options.SlidingExpiration = false;
    }

    public static void Configure(SecurityStampValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ValidationInterval = StampCheckInterval;

        // The re-built principal keeps how the user signed in (password, two factors).
        options.OnRefreshingPrincipal = context =>
        {
            if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
            {
                foreach (var claim in current.FindAll(c => c.Type == "amr"))
                {
                    if (!identity.HasClaim(claim.Type, claim.Value))
                    {
                        identity.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType));
                    }
                }
            }

            return Task.CompletedTask;
        };
    }
}
