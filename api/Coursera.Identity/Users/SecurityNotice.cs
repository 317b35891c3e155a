using Coursera.Identity.Model;
using Coursera.ServiceDefaults.Mail;

namespace Coursera.Identity.Users;

/// <summary>
/// Mail to an account's owner about a change to its protection, so that someone who took a session over cannot
/// quietly put their own authenticator on the account or take the owner's off.
/// </summary>
internal static class SecurityNotice
{
    public static MailMessage TwoFactorChanged(User user, bool enabled) => new(
        user.Email!,
        enabled ? "Two-factor authentication is on" : "Two-factor authentication is off",
        $"Hello {user.DisplayName},\n\nTwo-factor authentication was turned {(enabled ? "on" : "off")} for your Coursera account "
        + $"at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\n\nIf this was not you, reset your password at once and contact support.\n");
}
