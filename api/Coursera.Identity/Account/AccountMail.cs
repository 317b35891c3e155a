using Coursera.Identity.Model;
using Coursera.ServiceDefaults.Mail;
using Microsoft.AspNetCore.Identity;

namespace Coursera.Identity.Account;

/// <summary>
/// The account mail (email confirmation, password reset, a registration attempt on a taken address) ASP.NET Core
/// Identity sends, worded here and sent by the platform's mail sender. It carries no text a person chose: registration
/// sends mail to any address typed in, and a display name such as "Security alert: verify at https://…" would
/// otherwise go out from the platform's domain. The address is one header line whatever was typed.
/// </summary>
public sealed class AccountMail(IMailSender mail) : IEmailSender<User>
{
    public Task SendConfirmationLinkAsync(User user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your email", $"Hello,\n\nConfirm your email address: {confirmationLink}\n\nIf you did not create an account, ignore this message.\n");

    public Task SendPasswordResetLinkAsync(User user, string email, string resetLink) =>
        SendAsync(email, "Reset your password", $"Hello,\n\nChoose a new password: {resetLink}\n\nIf you did not ask for this, ignore this message.\n");

    public Task SendPasswordResetCodeAsync(User user, string email, string resetCode) =>
        SendAsync(email, "Your password reset code", $"Hello,\n\nYour code: {resetCode}\n");

    /// <summary>To the owner of an address someone tried to register again: registration itself never says it is taken.</summary>
    public Task SendAlreadyRegisteredAsync(string email, string signInLink, string resetLink) =>
        SendAsync(email, "You already have an account",
            $"Hello,\n\nSomeone, probably you, tried to create an account with this address, which already has one.\n\nSign in: {signInLink}\n"
            + $"Forgot your password? Choose a new one: {resetLink}\n\nIf it was not you, ignore this message; nothing was changed.\n");

    private Task SendAsync(string to, string subject, string body) =>
        mail.SendAsync(new MailMessage(HeaderText(to), HeaderText(subject), body), CancellationToken.None);

    /// <summary>Control characters (CR, LF, …) removed: a header value can never start another header.</summary>
    public static string HeaderText(string value) => string.Concat((value ?? "").Where(c => !char.IsControl(c)));
}
