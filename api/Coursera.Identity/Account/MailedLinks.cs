using System.Text;
using Coursera.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Coursera.Identity.Account;

/// <summary>
/// The links account mail carries (confirm an email, choose a password). They start with the configured public
/// origin (<c>Identity:PublicOrigin</c>, else <c>Identity:Issuer</c>), never with the request's Host header, which a
/// caller chooses: a reset link pointing at someone else's server would hand them the token. Only a Development host
/// without either setting (tests, a bare development run) falls back to the request; elsewhere the service does not
/// start without one (<see cref="PublicOriginRequired"/>).
/// </summary>
public sealed class MailedLinks(IOptionsMonitor<IdentityServiceOptions> options, UserManager<User> users, AccountMail mail, IHostEnvironment environment)
{
    public async Task SendConfirmationAsync(HttpContext http, User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        await mail.SendConfirmationLinkAsync(user, user.Email!, Link(http, AccountPaths.ConfirmEmail, user, token));
    }

    public async Task SendPasswordResetAsync(HttpContext http, User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = Encode(await users.GeneratePasswordResetTokenAsync(user));
        await mail.SendPasswordResetLinkAsync(user, user.Email!, Link(http, AccountPaths.ResetPassword, user, token));
    }

    /// <summary>Tells the owner of <paramref name="user"/>'s address that someone tried to register it again.</summary>
    public async Task SendAlreadyRegisteredAsync(HttpContext http, User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await mail.SendAlreadyRegisteredAsync(user.Email!, Origin(http) + AccountPaths.Login, Origin(http) + AccountPaths.ForgotPassword);
    }

    /// <summary>Identity's tokens contain characters a URL mangles; they travel base64url-encoded.</summary>
    public static string? Decode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Link(HttpContext? http, string path, User user, string token) =>
        Origin(http) + path + QueryString.Create(new Dictionary<string, string?> { ["userId"] = user.Id.ToString(), ["code"] = token });

    private string Origin(HttpContext? http)
    {
        var origin = options.CurrentValue.PublicOrigin ?? options.CurrentValue.Issuer
            ?? (http is not null && environment.IsDevelopment()
                ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}"
                : throw new InvalidOperationException("Set Identity:PublicOrigin (or Identity:Issuer) to send account mail."));
        return origin.TrimEnd('/');
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}
