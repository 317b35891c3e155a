using System.Text;
using Coursera.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Coursera.Identity.Account;

/// <summary>
/// The links account mail carries (confirm an email, choose a password). They start with the configured public
/// origin (<c>Identity:PublicOrigin</c>, else <c>Identity:Issuer</c>), never with the request's Host header, which a
/// caller chooses: a reset link pointing at someone else's server would hand them the token. Only a host without
/// either setting (tests, a bare development run) falls back to the request.
/// </summary>
public sealed class MailedLinks(IOptionsMonitor<IdentityServiceOptions> options, UserManager<User> users, IEmailSender<User> mail)
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

    private string Link(HttpContext? http, string path, User user, string token)
    {
        var origin = options.CurrentValue.PublicOrigin ?? options.CurrentValue.Issuer
            ?? (http is null ? throw new InvalidOperationException("Set Identity:PublicOrigin to send account mail.")
                : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}");
        return origin.TrimEnd('/') + path + QueryString.Create(new Dictionary<string, string?> { ["userId"] = user.Id.ToString(), ["code"] = token });
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}
