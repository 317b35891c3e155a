using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Billing.Revenue;
using Coursera.Events.Outbox;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace Coursera.Billing.Subscriptions;

/// <summary>
/// Brings a subscription in line with Stripe's subscription object as it is now (status, trial, period, cancellation):
/// events only say which subscription to look at, so duplicates and any arrival order end in the same state. Becoming
/// trialing or active grants an entitlement per course of the specialization; a paid renewal grants them again with
/// the later expiry; the end revokes them. Each change publishes in the transaction that stores it.
/// </summary>
public sealed class SubscriptionReconciliation(IDbContextFactory<BillingDbContext> contexts, IStripeClient stripe, Ledger ledger, TimeProvider clock)
{
    public async Task<Model.Subscription?> ReconcileAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var subscription = await db.Subscriptions.FromSql($"SELECT * FROM billing.subscriptions WHERE id = {subscriptionId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (subscription?.CheckoutSessionId is null)
        {
            return subscription;
        }

        if (subscription.StripeSubscriptionId is null)
        {
            var session = await new SessionService(stripe).GetAsync(subscription.CheckoutSessionId, cancellationToken: cancellationToken);
            subscription.StripeSubscriptionId = session.SubscriptionId;
            if (subscription.StripeSubscriptionId is null)
            {
                return subscription; // not paid yet
            }
        }

        var stripeSubscription = await new SubscriptionService(stripe).GetAsync(subscription.StripeSubscriptionId, cancellationToken: cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var periodEnd = stripeSubscription.Items?.Data?.Select(i => (DateTime?)i.CurrentPeriodEnd).Max();
        var renewed = subscription.CurrentPeriodEndsAt is { } before && periodEnd > before;
        subscription.State = StateOf(stripeSubscription.Status);
        subscription.StartedAt ??= stripeSubscription.StartDate;
        subscription.TrialEndsAt = stripeSubscription.TrialEnd;
        subscription.CurrentPeriodEndsAt = periodEnd;
        subscription.CancelAtPeriodEnd = stripeSubscription.CancelAtPeriodEnd;
        if (subscription.State == SubscriptionState.Canceled)
        {
            subscription.EndedAt ??= stripeSubscription.EndedAt ?? now;
        }

        if (subscription.Entitles && (subscription.EntitledCourseIds.Count == 0 || renewed))
        {
            // The specialization's courses now: a renewal also covers a course added since the last period.
            List<Guid> courses = subscription.SpecializationId is null
                ? [Model.Subscription.WholeCatalog]
                : await db.SpecializationCourses.Where(c => c.SpecializationId == subscription.SpecializationId).OrderBy(c => c.Position)
                    .Select(c => c.CourseId).ToListAsync(cancellationToken);
            if (subscription.EntitledCourseIds.Count == 0 && subscription.State == SubscriptionState.Trialing)
            {
                // As Coursera does: a trial that covers a course closes the learner's pending financial aid application for it.
                await db.AidApplications.Where(a => a.LearnerId == subscription.LearnerId && (subscription.SpecializationId == null || courses.Contains(a.CourseId))
                        && a.State == AidState.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.State, AidState.Withdrawn).SetProperty(a => a.DecidedAt, now)
                        .SetProperty(a => a.Note, "Withdrawn: you started a free trial of a subscription that includes this course."), cancellationToken);
            }

            subscription.EntitledCourseIds = [.. subscription.EntitledCourseIds.Union(courses)];
            foreach (var courseId in subscription.EntitledCourseIds)
            {
                db.Publish(BillingEvents.Granted(subscription, courseId, now));
            }
        }
        else if (!subscription.Entitles && subscription.EntitledCourseIds.Count > 0)
        {
            var reason = stripeSubscription.CancellationDetails?.Reason switch
            {
                "payment_failed" => "The subscription ended: its renewal could not be paid.",
                "cancellation_requested" => "The subscription was cancelled and its last paid period ended.",
                _ => "The subscription ended.",
            };
            foreach (var courseId in subscription.EntitledCourseIds)
            {
                db.Publish(BillingEvents.Revoked(subscription, courseId, now, reason));
            }

            subscription.EntitledCourseIds = [];
        }

        await RecordInvoicesAsync(db, subscription, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return subscription;
    }

    /// <summary>Every invoice of the subscription Stripe has been paid, into the ledger (a trial's invoice of nothing is no payment).</summary>
    private async Task RecordInvoicesAsync(BillingDbContext db, Model.Subscription subscription, CancellationToken cancellationToken)
    {
        var invoices = new InvoiceService(stripe).ListAutoPagingAsync(new InvoiceListOptions { Subscription = subscription.StripeSubscriptionId, Status = "paid" },
            cancellationToken: cancellationToken);
        await foreach (var invoice in invoices)
        {
            if (invoice.AmountPaid > 0)
            {
                await ledger.RecordPaymentAsync(db, $"invoice:{invoice.Id}", subscription.PartnerId, subscription.LearnerId,
                    new Money(invoice.AmountPaid, invoice.Currency.ToUpperInvariant()), invoice.StatusTransitions?.PaidAt ?? invoice.Created, null, subscription.Id,
                    cancellationToken);
            }
        }
    }

    /// <summary>
    /// Stripe's statuses: <c>incomplete</c> is a first payment not made yet; <c>unpaid</c> and <c>incomplete_expired</c>
    /// end access as <c>canceled</c> does; <c>paused</c> (a trial ended without a payment method) too.
    /// </summary>
    private static SubscriptionState StateOf(string status) => status switch
    {
        "trialing" => SubscriptionState.Trialing,
        "active" => SubscriptionState.Active,
        "past_due" => SubscriptionState.PastDue,
        "incomplete" => SubscriptionState.Pending,
        _ => SubscriptionState.Canceled,
    };
}
