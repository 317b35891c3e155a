using Coursera.Billing.Data;
using Coursera.ServiceDefaults.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Billing.Subscriptions;

/// <summary>A learner's own subscriptions; nobody else's.</summary>
public sealed class SubscriptionHistory(IDbContextFactory<BillingDbContext> contexts)
{
    public async Task<IReadOnlyList<Model.Subscription>> OfViewerAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.UserId is not { } learnerId)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Subscriptions.AsNoTracking().Where(s => s.LearnerId == learnerId).OrderByDescending(s => s.CreatedAt).Take(200)
            .ToListAsync(cancellationToken);
    }
}
