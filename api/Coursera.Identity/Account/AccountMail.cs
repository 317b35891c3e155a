using Coursera.Identity.Model;
using Coursera.ServiceDefaults.Mail;
using Microsoft.AspNetCore.Identity;

namespace Coursera.Identity.Account;

/// <summary>The account mail (email confirmation, password reset) ASP.NET Core Identity sends, worded here and sent by the platform's mail sender.</summary>
public sealed class AccountMail(IMailSender mail) : IEmailSender<User>
{
    public Task SendConfirmationLinkAsync(User user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your email", $"Hello {user.DisplayName},\n\nConfirm your email address: {confirmationLink}\n");

    public Task SendPasswordResetLinkAsync(User user, string email, string resetLink) =>
        SendAsync(email, "Reset your password", $"Hello {user.DisplayName},\n\nChoose a new password: {resetLink}\n\nIf you did not ask for this, ignore this message.\n");

    public Task SendPasswordResetCodeAsync(User user, string email, string resetCode) =>
        SendAsync(email, "Your password reset code", $"Hello {user.DisplayName},\n\nYour code: {resetCode}\n");

    private Task SendAsync(string to, string subject, string body) => mail.SendAsync(new MailMessage(to, subject, body), CancellationToken.None);
}
