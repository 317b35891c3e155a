using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Coursera.Identity.Connect;

/// <summary>
/// When the user last proved who they are (password, second factor, a mailed link), kept in the sign-in cookie. The
/// cookie's own issue time will not do: sliding expiration and security-stamp checks renew the cookie without asking
/// anybody anything. Tokens carry it as <c>auth_time</c>, and <c>max_age</c> is measured against it.
/// </summary>
internal static class SignInTime
{
    private const string Item = ".sign_in_time";

    /// <summary>
    /// A sign-in starts with new properties and gets the time; a renewal (<c>RefreshSignInAsync</c>, the
    /// security-stamp validator) passes the cookie's properties on, so the time stays that of the real sign-in.
    /// </summary>
    public static void Record(CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var next = options.Events.OnSigningIn;
        options.Events.OnSigningIn = async context =>
        {
            context.Properties.Items.TryAdd(Item, (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds()
                .ToString(System.Globalization.CultureInfo.InvariantCulture));
            await next(context);
        };
    }

    /// <returns>The time of the sign-in behind <paramref name="cookie"/>; its issue time for cookies from before the time was recorded.</returns>
    public static DateTimeOffset? Of(AuthenticateResult cookie) =>
        cookie?.Properties?.Items.TryGetValue(Item, out var value) == true
            && long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : cookie?.Properties?.IssuedUtc;
}
