using System.Diagnostics.Metrics;
using Coursera.Billing.Audit;
using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Billing.Revenue;
using Coursera.Events.Outbox;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace Coursera.Billing.Orders;

/// <summary>
/// Brings an order in line with what Stripe says of it now: its Checkout Session paid (at once by card, or days later
/// by a delayed method such as a SEPA debit, which may also fail), its charge refunded or disputed. Events only say
/// which order to look at; the state comes from Stripe's objects, so events arriving twice, late or in reverse order
/// all end in the same state. Each move publishes its entitlement event, its ledger entries and its audit entry in the
/// same transaction.
/// </summary>
public sealed class OrderReconciliation(IDbContextFactory<BillingDbContext> contexts, IStripeClient stripe, Ledger ledger, TimeProvider clock,
    IMeterFactory meters)
{
    private const string DisputedReason = "The payment is disputed with the learner's bank: access is suspended until the dispute is decided.";
    private const string ChargedBackReason = "The learner's bank decided the dispute against the payment: the purchase and its certificate are revoked.";

    private readonly PaymentMetrics _metrics = new(meters);

    public async Task<Order?> ReconcileAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.Orders.FromSql($"SELECT * FROM billing.orders WHERE id = {orderId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (order?.CheckoutSessionId is null)
        {
            return order;
        }

        var session = await new SessionService(stripe).GetAsync(order.CheckoutSessionId, cancellationToken: cancellationToken);
        var paid = session.PaymentStatus is "paid" or "no_payment_required";
        order.PaymentIntentId ??= session.PaymentIntentId;
        var payment = await PaymentAsync(order.PaymentIntentId, paid, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var before = order.State;
        if (!paid && order.State is OrderState.Pending or OrderState.Processing && session.Status == "complete" && payment.Intent is { } intent)
        {
            // A delayed method: the session is complete but the bank has not answered, or has refused.
            if (intent.Status == "processing")
            {
                order.State = OrderState.Processing;
            }
            else if (intent.Status is "requires_payment_method" or "canceled")
            {
                order.State = OrderState.Failed;
                order.FailureReason = intent.LastPaymentError?.Message ?? "The bank refused the payment.";
                AuditTrail.Record(db, "stripe", "order.failed", Reference(order), order.FailureReason, now);
            }
        }

        if (paid && order.State is OrderState.Pending or OrderState.Processing or OrderState.Failed)
        {
            // Two checkouts of one course both paid (two tabs, two currencies): the second payment goes back at once.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({order.LearnerId.ToString() + order.CourseId}, 0))",
                cancellationToken);
            if (payment.Charge?.Refunded != true && await db.Orders.AnyAsync(o => o.Id != order.Id && o.LearnerId == order.LearnerId && o.CourseId == order.CourseId
                    && o.State == OrderState.Paid, cancellationToken))
            {
                await new RefundService(stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = order.PaymentIntentId, Reason = "duplicate" },
                    new RequestOptions { IdempotencyKey = $"duplicate-{order.Id}" }, cancellationToken);
                order.State = OrderState.Refunded;
                order.PaidAt = now;
                order.RefundedAt = now;
                order.RefundReason = "The course was paid for twice: this payment was refunded at once.";
                await RecordPaymentAsync(db, order, cancellationToken);
                await ledger.RecordReversalAsync(db, "refund", Reference(order), order.Price.Amount, now, cancellationToken);
                AuditTrail.Record(db, "stripe", "order.refunded", Reference(order), order.RefundReason, now);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return order;
            }

            order.State = OrderState.Paid;
            order.PaidAt = now;
            order.FailureReason = null;
            order.AccessEndsAt = order.PassMonths is { } months ? now.AddMonths(months) : null;
            await RecordPaymentAsync(db, order, cancellationToken);
            db.Publish(BillingEvents.Granted(order));
        }

        if (payment.Charge?.Refunded == true && order.State is OrderState.Paid or OrderState.Disputed)
        {
            if (order.State == OrderState.Paid)
            {
                order.RefundedAt = now;
                order.RefundReason ??= "Refunded through Stripe.";
                foreach (var revoked in BillingEvents.RevokedAll(order, now, order.RefundReason))
                {
                    db.Publish(revoked);
                }
            }

            order.State = OrderState.Refunded;
            order.RefundedAt ??= now;
            order.RefundReason ??= "Refunded through Stripe.";
            await ledger.RecordReversalAsync(db, "refund", Reference(order), order.Price.Amount, now, cancellationToken);
            AuditTrail.Record(db, "stripe", "order.refunded", Reference(order), order.RefundReason, now);
        }

        if (payment.Dispute is { } dispute)
        {
            Settle(db, order, dispute, now);
            if (order.State == OrderState.ChargedBack)
            {
                await ledger.RecordReversalAsync(db, "dispute", Reference(order), dispute.Amount, now, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Count(before, order);
        return order;
    }

    /// <summary>Counts a committed move into Paid or Failed; reconciling the same order again moves nothing and counts nothing.</summary>
    private void Count(OrderState before, Order order)
    {
        if (order.State == OrderState.Paid && before is OrderState.Pending or OrderState.Processing or OrderState.Failed)
        {
            _metrics.Paid(order.Price);
        }
        else if (order.State == OrderState.Failed && before != OrderState.Failed)
        {
            _metrics.Failed(order.Price);
        }
    }

    /// <summary>
    /// A dispute open suspends the access (the certificate stays); won, it comes back under a second entitlement; lost,
    /// the access ends for good and the certificate earned with it is revoked.
    /// </summary>
    private static void Settle(BillingDbContext db, Order order, Dispute dispute, DateTime now)
    {
        // An inquiry closed in the platform's favour (warning_closed) is as good as a won dispute.
        var won = dispute.Status is "won" or "warning_closed";
        var open = !won && dispute.Status != "lost";
        if (!open && !won && order.State == OrderState.Expired)
        {
            // A pass disputed after its months: its access is over already, its money goes back all the same.
            order.State = OrderState.ChargedBack;
            AuditTrail.Record(db, "stripe", "order.charged_back", Reference(order), dispute.Reason, now);
            return;
        }

        if (order.State == OrderState.Paid && !won)
        {
            order.State = OrderState.Disputed;
            order.DisputedAt = now;
            db.Publish(BillingEvents.Revoked(order, order.EntitlementId, now, DisputedReason));
            AuditTrail.Record(db, "stripe", "order.disputed", Reference(order), dispute.Reason, now);
        }

        if (open || order.State != OrderState.Disputed)
        {
            return;
        }

        if (won && order.AccessEndsAt <= now)
        {
            order.State = OrderState.Expired; // a pass whose months ran out while it was disputed: nothing to give back
            AuditTrail.Record(db, "stripe", "order.dispute_won", Reference(order), "The pass had ended meanwhile.", now);
        }
        else if (won)
        {
            order.State = OrderState.Paid;
            db.Publish(BillingEvents.Granted(order, order.ReinstatedEntitlementId, now));
            AuditTrail.Record(db, "stripe", "order.dispute_won", Reference(order), null, now);
        }
        else
        {
            order.State = OrderState.ChargedBack;
            db.Publish(BillingEvents.Revoked(order, order.EntitlementId, now, ChargedBackReason, revokesCertificate: true));
            AuditTrail.Record(db, "stripe", "order.charged_back", Reference(order), dispute.Reason, now);
        }
    }

    /// <summary>The payment's intent, its latest charge and that charge's dispute, as far as they exist.</summary>
    private async Task<(PaymentIntent? Intent, Charge? Charge, Dispute? Dispute)> PaymentAsync(string? paymentIntentId, bool paid, CancellationToken cancellationToken)
    {
        if (paymentIntentId is null)
        {
            return (null, null, null);
        }

        var intent = await new PaymentIntentService(stripe).GetAsync(paymentIntentId, cancellationToken: cancellationToken);
        if (!paid || intent.LatestChargeId is null)
        {
            return (intent, null, null);
        }

        var charge = await new ChargeService(stripe).GetAsync(intent.LatestChargeId, cancellationToken: cancellationToken);
        if (!charge.Disputed)
        {
            return (intent, charge, null);
        }

        var disputes = await new DisputeService(stripe).ListAsync(new DisputeListOptions { PaymentIntent = paymentIntentId, Limit = 10 }, cancellationToken: cancellationToken);
        return (intent, charge, disputes.Data.OrderByDescending(d => d.Created).FirstOrDefault());
    }

    private static string Reference(Order order) => $"order:{order.Id}";

    private Task RecordPaymentAsync(BillingDbContext db, Order order, CancellationToken cancellationToken) =>
        ledger.RecordPaymentAsync(db, Reference(order), order.PartnerId, order.LearnerId, order.Price, order.PaidAt!.Value, order.Id, null, cancellationToken);
}
