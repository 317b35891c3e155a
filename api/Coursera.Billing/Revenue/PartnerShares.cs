using Coursera.Billing.Audit;
using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Billing.Revenue;

/// <summary>
/// Each partner's agreed percentage, set by platform administrators (the contract is theirs). A change applies to
/// payments from then on: the ledger keeps the percentage each payment was shared at.
/// </summary>
public sealed class PartnerShares(IDbContextFactory<BillingDbContext> contexts, TimeProvider clock)
{
    public async Task<MutationPayload<PartnerShare>> SetAsync(SetPartnerShareInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        PlatformAdministrators.Require(caller, "Partners' shares are set by platform administrators.");

        var partnerId = Ids.Parse(input.PartnerId, "input.partnerId");
        var percent = (decimal)input.Percent;
        if (percent is < 0 or > 100 || decimal.Round(percent, 2) != percent)
        {
            return MutationPayload<PartnerShare>.Refused(UserError.For("INVALID_PERCENT", "A percentage from 0 to 100, with at most two decimals.", "percent"));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var share = await db.PartnerShares.SingleOrDefaultAsync(s => s.PartnerId == partnerId, cancellationToken);
        if (share is null)
        {
            share = new PartnerShare { PartnerId = partnerId };
            db.PartnerShares.Add(share);
        }

        share.Percent = percent;
        share.ChangedAt = clock.GetUtcNow().UtcDateTime;
        share.ChangedBy = caller.Email ?? caller.Subject;
        AuditTrail.Record(db, caller, "partner_share.set", $"partner:{partnerId}", $"{percent} %", share.ChangedAt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two administrators set it at once: the other one's insert won; say so rather than fail.
            return MutationPayload<PartnerShare>.Refused(UserError.For("CONFLICT", "The share was changed meanwhile; read it and try again.", "partnerId"));
        }

        return MutationPayload<PartnerShare>.Changed(share);
    }
}
