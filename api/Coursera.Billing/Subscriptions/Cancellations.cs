using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Billing.Orders;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace Coursera.Billing.Subscriptions;

/// <summary>
/// A learner cancels their subscription: Stripe stops renewing it, the courses stay open to the end of the period
/// already paid (or of the trial, which then costs nothing), and monthly fees are not refunded, as Coursera does.
/// Cancelling again before the end undoes nothing and is refused; <c>resume</c> takes the cancellation back.
/// </summary>
public sealed class Cancellations(IDbContextFactory<BillingDbContext> contexts, IStripeClient stripe, SubscriptionReconciliation subscriptions)
{
    public async Task<MutationPayload<Model.Subscription>> CancelAsync(CancelSubscriptionInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = Checkouts.Learner(caller);
        var subscriptionId = Ids.Parse(input.SubscriptionId, "input.subscriptionId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var subscription = await db.Subscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == subscriptionId && s.LearnerId == learnerId, cancellationToken);
        if (subscription is null)
        {
            return MutationPayload<Model.Subscription>.Refused(UserError.For("SUBSCRIPTION_NOT_FOUND", "You have no subscription with this id.", "subscriptionId"));
        }

        var resume = input.Resume == true;
        if (!subscription.Entitles || subscription.StripeSubscriptionId is null || subscription.CancelAtPeriodEnd != resume)
        {
            return MutationPayload<Model.Subscription>.Refused(UserError.For(resume ? "NOT_CANCELLED" : "NOT_CANCELLABLE",
                resume
                    ? "Only a subscription cancelled at the end of its period can be resumed."
                    : $"Only a running subscription can be cancelled; this one is {subscription.State.ToString().ToUpperInvariant()}"
                        + (subscription.CancelAtPeriodEnd ? ", cancelled already." : "."),
                "subscriptionId"));
        }

        await new SubscriptionService(stripe).UpdateAsync(subscription.StripeSubscriptionId,
            new SubscriptionUpdateOptions { CancelAtPeriodEnd = !resume }, cancellationToken: cancellationToken);
        return MutationPayload<Model.Subscription>.Changed((await subscriptions.ReconcileAsync(subscription.Id, cancellationToken))!);
    }
}
