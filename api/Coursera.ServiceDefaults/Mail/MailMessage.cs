namespace Coursera.ServiceDefaults.Mail;

/// <summary>A plain-text message to one recipient.</summary>
public sealed record MailMessage(string To, string Subject, string Body);
