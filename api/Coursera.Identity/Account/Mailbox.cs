using System.Text;
using Coursera.Identity.Model;
using Microsoft.AspNetCore.Identity;

namespace Coursera.Identity.Account;

/// <summary>
/// Account email (confirmation, password reset) written to the log and as a file per message under
/// <c>Identity:MailPath</c> (<c>.data/mail/</c> with <c>./run.sh</c>), where a developer or a test reads the link. A
/// production deployment replaces it with a real sender; the links are the same.
/// </summary>
public sealed partial class Mailbox(IConfiguration configuration, IHostEnvironment environment, ILogger<Mailbox> logger) : IEmailSender<User>
{
    private readonly string _path = configuration["Identity:MailPath"] ?? Path.Combine(environment.ContentRootPath, ".mail");

    public string Folder => _path;

    public Task SendConfirmationLinkAsync(User user, string email, string confirmationLink) =>
        WriteAsync(email, "Confirm your email", $"Hello {user.DisplayName},\n\nConfirm your email address: {confirmationLink}\n");

    public Task SendPasswordResetLinkAsync(User user, string email, string resetLink) =>
        WriteAsync(email, "Reset your password", $"Hello {user.DisplayName},\n\nChoose a new password: {resetLink}\n\nIf you did not ask for this, ignore this message.\n");

    public Task SendPasswordResetCodeAsync(User user, string email, string resetCode) =>
        WriteAsync(email, "Your password reset code", $"Hello {user.DisplayName},\n\nYour code: {resetCode}\n");

    private async Task WriteAsync(string to, string subject, string body)
    {
        Directory.CreateDirectory(_path);
        var file = Path.Combine(_path, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, $"To: {to}\nSubject: {subject}\n\n{body}", Encoding.UTF8);
        LogSent(logger, to, subject, file);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail to {To}: {Subject} (written to {File})")]
    private static partial void LogSent(ILogger logger, string to, string subject, string file);
}
