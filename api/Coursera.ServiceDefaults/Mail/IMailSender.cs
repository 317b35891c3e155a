namespace Coursera.ServiceDefaults.Mail;

/// <summary>Sends the platform's mail (account links, program invitations). A deployment registers its provider's.</summary>
public interface IMailSender
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken);
}
