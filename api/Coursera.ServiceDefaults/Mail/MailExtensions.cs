using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coursera.ServiceDefaults.Mail;

public static class MailExtensions
{
    /// <summary>
    /// Registers the development mailbox (<see cref="MailDropFolder"/>) in development or where <c>Mail:Path</c> (formerly
    /// <c>Identity:MailPath</c>) is set, unless a real <see cref="IMailSender"/> was registered first. Elsewhere, a
    /// service starts but fails when it first has mail to send, instead of writing reset links and invitations to disk.
    /// </summary>
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var path = builder.Configuration["Mail:Path"] ?? builder.Configuration["Identity:MailPath"];
        if (builder.Environment.IsDevelopment() || path is not null)
        {
            var folder = path ?? Path.Combine(builder.Environment.ContentRootPath, ".mail");
            builder.Services.TryAddSingleton<IMailSender>(sp => new MailDropFolder(folder, sp.GetRequiredService<ILogger<MailDropFolder>>()));
        }
        else
        {
            builder.Services.TryAddSingleton<IMailSender, NoMailSender>();
        }

        return builder;
    }

    private sealed class NoMailSender : IMailSender
    {
        public Task SendAsync(MailMessage message, CancellationToken cancellationToken) => throw new InvalidOperationException(
            "No mail sender: set Mail:Path for the development mailbox, or register a real IMailSender.");
    }
}
