using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Events.Outbox;
using Coursera.Identity.Data;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Host;

/// <summary>
/// The all-in-one host's sample enterprise licence: the seeded organization (Acme) holds 100 seats for a year, for all
/// its programs, so its members enroll on the ENTERPRISE track in its programs' courses. A step of the billing store
/// (after identity's), only when identity is seeded and the organization has no licence yet; announced to the learner
/// service as any sale is (<c>licence.updated</c>).
/// </summary>
public sealed partial class SampleLicence(IDbContextFactory<IdentityServiceDbContext> identities, IConfiguration configuration, TimeProvider clock,
    ILogger<SampleLicence> logger) : IStoreStep<BillingDbContext>
{
    public const int Seats = 100;

    public async Task RunAsync(BillingDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!configuration.GetValue<bool>("Identity:Seed"))
        {
            return;
        }

        await using var identity = await identities.CreateDbContextAsync(cancellationToken);
        var organizationId = await identity.Tenants.Where(t => t.Slug == SampleTenants.Organization.Slug).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
        if (organizationId is null || await db.Licences.AnyAsync(l => l.OrganizationId == organizationId, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var licence = new Licence
        {
            OrganizationId = organizationId.Value, Seats = Seats, StartsAt = now.AddDays(-1), EndsAt = now.AddYears(1), CreatedAt = now, UpdatedAt = now,
            ChangedBy = "sample data",
        };
        db.Licences.Add(licence);
        db.Publish(BillingEvents.Updated(licence));
        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(logger, SampleTenants.Organization.Name, Seats);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample data: {Organization} holds an enterprise licence of {Seats} seats")]
    private static partial void LogSeeded(ILogger logger, string organization, int seats);
}
