using Coursera.Billing.Audit;
using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Events.Outbox;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Billing.Licences;

/// <summary>
/// Enterprise licences: sold and changed by platform administrators (the sales contract), read by the organization's
/// administrators and its API clients with <c>billing:read</c>. Every change publishes the licence as it now is.
/// </summary>
public sealed class LicenceDesk(IDbContextFactory<BillingDbContext> contexts, TimeProvider clock)
{
    public const string ReadScope = "billing:read";

    private const string SoldByPlatformAdministrators = "Licences are sold by platform administrators.";

    /// <summary>The longest licence sold: enterprise plans run a year, renewed by a new licence or a later end.</summary>
    private static readonly TimeSpan LongestTerm = TimeSpan.FromDays(3 * 366);

    public async Task<MutationPayload<Licence>> CreateAsync(CreateLicenceInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        PlatformAdministrators.Require(caller, SoldByPlatformAdministrators);
        var startsAt = (input.StartsAt ?? clock.GetUtcNow().UtcDateTime).ToUniversalTime();
        var licence = new Licence
        {
            OrganizationId = Ids.Parse(input.OrganizationId, "input.organizationId"),
            Seats = input.Seats,
            StartsAt = startsAt,
            EndsAt = (input.EndsAt ?? startsAt.AddYears(1)).ToUniversalTime(),
            ProgramIds = [.. input.ProgramIds.Select(p => Ids.Parse(p, "input.programIds")).Distinct()],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
            ChangedBy = caller.Email ?? caller.Subject!,
        };
        if (Invalid(licence) is { } refusal)
        {
            return MutationPayload<Licence>.Refused(refusal);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Licences.Add(licence);
        db.Publish(BillingEvents.Updated(licence));
        AuditTrail.Record(db, caller, "licence.created", $"licence:{licence.Id}", Terms(licence), licence.UpdatedAt);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<Licence>.Changed(licence);
    }

    public async Task<MutationPayload<Licence>> UpdateAsync(UpdateLicenceInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        PlatformAdministrators.Require(caller, SoldByPlatformAdministrators);
        var id = Ids.Parse(input.LicenceId, "input.licenceId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var licence = await db.Licences.FromSql($"SELECT * FROM billing.licences WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (licence is null)
        {
            return MutationPayload<Licence>.Refused(UserError.For("LICENCE_NOT_FOUND", "There is no licence with this id.", "licenceId"));
        }

        licence.Seats = input.Seats ?? licence.Seats;
        licence.EndsAt = input.EndsAt?.ToUniversalTime() ?? licence.EndsAt;
        licence.ProgramIds = input.ProgramIds is null ? licence.ProgramIds : [.. input.ProgramIds.Select(p => Ids.Parse(p, "input.programIds")).Distinct()];
        licence.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        licence.ChangedBy = caller.Email ?? caller.Subject!;
        if (Invalid(licence) is { } refusal)
        {
            return MutationPayload<Licence>.Refused(refusal);
        }

        db.Publish(BillingEvents.Updated(licence));
        AuditTrail.Record(db, caller, "licence.updated", $"licence:{licence.Id}", Terms(licence), licence.UpdatedAt);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<Licence>.Changed(licence);
    }

    public async Task<IReadOnlyList<Licence>> OfOrganizationAsync(string rawOrganizationId, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var organizationId = Ids.Parse(rawOrganizationId, "organizationId");
        if (!caller.IsAuthenticated)
        {
            throw GraphQLErrors.Unauthenticated("Sign in to see the organization's licences.");
        }

        if (!OrganizationStaff.Includes(caller, organizationId, ReadScope))
        {
            throw GraphQLErrors.Forbidden("An organization's licences are for its administrators and its API clients with billing:read.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Licences.AsNoTracking().Where(l => l.OrganizationId == organizationId).OrderByDescending(l => l.EndsAt).ToListAsync(cancellationToken);
    }

    /// <summary>A licence by id, for the gateway's entity fetches (the learner service adds its seats used).</summary>
    public async Task<Licence?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Licences.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
    }

    private static string Terms(Licence licence) =>
        $"{licence.Seats} seats, {licence.StartsAt:yyyy-MM-dd} to {licence.EndsAt:yyyy-MM-dd}, {(licence.ProgramIds.Count == 0 ? "all programs" : $"{licence.ProgramIds.Count} programs")}";

    private static UserError? Invalid(Licence licence)
    {
        if (licence.Seats is < 1 or > 1_000_000)
        {
            return UserError.For("INVALID_LICENCE", "1 to 1,000,000 seats.", "seats");
        }

        if (licence.EndsAt <= licence.StartsAt || licence.EndsAt - licence.StartsAt > LongestTerm)
        {
            return UserError.For("INVALID_LICENCE", "A licence ends after it starts, at most three years later.", "endsAt");
        }

        return licence.ProgramIds.Count > 100 ? UserError.For("INVALID_LICENCE", "At most 100 programs; none for all of them.", "programIds") : null;
    }
}
