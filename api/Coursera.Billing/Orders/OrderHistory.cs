using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.ServiceDefaults.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Billing.Orders;

/// <summary>A learner's own orders; nobody else's.</summary>
public sealed class OrderHistory(IDbContextFactory<BillingDbContext> contexts)
{
    public async Task<IReadOnlyList<Order>> OfViewerAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.UserId is not { } learnerId)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Orders.AsNoTracking().Where(o => o.LearnerId == learnerId).OrderByDescending(o => o.CreatedAt).Take(200).ToListAsync(cancellationToken);
    }
}
