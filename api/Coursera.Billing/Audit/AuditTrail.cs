using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Errors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Billing.Audit;

/// <summary>
/// Billing's audit trail: every refund (automatic, requested, granted or declined by staff), offer, licence, partner
/// share and financial aid decision, with who made it. Read by platform administrators, newest first.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<BillingDbContext> contexts)
{
    /// <summary>Adds an entry to <paramref name="db"/>, saved with the change it records.</summary>
    public static void Record(BillingDbContext db, Caller caller, string action, string subject, string? detail, DateTime occurredAt)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // The subject (a user's or client's id) and not the email: it never changes, and names a client too.
        Record(db, caller.Subject ?? "anonymous", action, subject, detail, occurredAt);
    }

    /// <summary>An entry for what no caller did here: <paramref name="actor"/> is <c>stripe</c> for what Stripe's objects say happened.</summary>
    public static void Record(BillingDbContext db, string actor, string action, string subject, string? detail, DateTime occurredAt)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AuditEntries.Add(new AuditEntry { OccurredAt = occurredAt, Actor = actor, Action = action, Subject = subject, Detail = detail });
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string? subject, int first, Caller caller, CancellationToken cancellationToken)
    {
        PlatformAdministrators.Require(caller, "Billing's audit trail is for platform administrators.");
        if (first is < 1 or > 500)
        {
            throw GraphQLErrors.BadUserInput("first is 1 to 500.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(subject))
        {
            entries = entries.Where(e => e.Subject == subject.Trim());
        }

        return await entries.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(first).ToListAsync(cancellationToken);
    }
}
