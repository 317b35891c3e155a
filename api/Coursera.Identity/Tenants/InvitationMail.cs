using Coursera.Identity.Model;
using Coursera.ServiceDefaults.Mail;

namespace Coursera.Identity.Tenants;

/// <summary>
/// What someone who already has an account is told when a tenant invites them: who asked, for which role, and that
/// nothing happens until they accept while signed in. (A new account gets the choose-a-password mail instead.)
/// </summary>
internal static class InvitationMail
{
    public static MailMessage For(User user, Tenant tenant, string role, string? origin) => new(
        user.Email!,
        "You are invited to join a team on Coursera",
        $"Hello {user.DisplayName},\n\n{tenant.Name} invited you to join them as {role}.\n\n"
        + $"Sign in to Coursera{(origin is null ? "" : $" ({origin})")} to accept or decline. Until you accept, they see nothing of your "
        + "account and get no role in it. If you do not know them, decline or ignore this message.\n");
}
