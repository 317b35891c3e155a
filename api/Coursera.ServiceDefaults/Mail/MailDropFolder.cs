using System.Text;
using Microsoft.Extensions.Logging;

namespace Coursera.ServiceDefaults.Mail;

/// <summary>
/// The development mailbox: each message written to the log and as a file under <c>Mail:Path</c> (<c>.data/mail/</c>
/// with <c>./run.sh</c>), where a developer or a test reads the link in it.
/// </summary>
public sealed partial class MailDropFolder(string folder, ILogger<MailDropFolder> logger) : IMailSender
{
    public string Folder => folder;

    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, $"To: {message.To}\nSubject: {message.Subject}\n\n{message.Body}", Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        LogSent(logger, message.To, message.Subject, file);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail to {To}: {Subject} (written to {File})")]
    private static partial void LogSent(ILogger logger, string to, string subject, string file);
}
