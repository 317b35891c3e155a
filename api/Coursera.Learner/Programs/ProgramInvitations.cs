using System.Text.Json;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Learner.Data;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Data;
using Coursera.ServiceDefaults.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Coursera.Learner.Programs;

/// <summary>
/// Mails an invitation to each person an organization adds to a program by email, once the membership is stored
/// (following <c>program.membership.created</c>, so a failed send is retried and a refused request sends nothing).
/// The event carries no email: the address is read from the membership. A crash between sending and committing the
/// inbox row sends the mail again; a lost invitation would be worse.
/// </summary>
public sealed class ProgramInvitations(
    ServiceStore<LearnerDbContext> store,
    IMailSender mail,
    IOptions<LearnerOptions> learnerOptions) : IEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type == LearnerEvents.ProgramMembershipCreated;

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var membershipId = envelope.Data.GetProperty("membershipId").GetGuid();
        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        var invitation = await (
                from membership in db.ProgramMemberships
                where membership.Id == membershipId && membership.Email != null && membership.UserId == null
                join program in db.Programs on membership.ProgramId equals program.Id
                select new { membership.Email, program.Name })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (invitation is null)
        {
            return; // added by user or external id, already joined, or gone (erased)
        }

        var where = learnerOptions.Value.InvitationUrl is { } url ? $" at {url}" : "";
        var name = SingleLine(invitation.Name);
        await mail.SendAsync(new MailMessage(invitation.Email!, $"You are invited to {name}",
            $"Hello,\n\nYou are invited to the learning program \"{name}\". Sign up, or sign in, with this email address{where}, " +
            "then accept the invitation in your learning app to start its courses.\n"), cancellationToken);
    }

    /// <summary>
    /// The organization's text without control characters (CR and LF above all): in a subject they would start new mail
    /// headers with any sender that does not clean them itself. Programs named before names were checked may hold them.
    /// </summary>
    internal static string SingleLine(string text) => string.Concat(text.Where(c => !char.IsControl(c)));
}
