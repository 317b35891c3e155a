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
/// Brings an order in line with what Stripe says of it now: its Checkout Session paid, its charge refunded. Events
/// only say which order to look at; the state comes from Stripe's objects, so events arriving twice, late or in
/// reverse order all end in the same state. Each move publishes its entitlement event in the same transaction.
/// </summary>
public sealed class OrderReconciliation(IDbContextFactory<BillingDbContext> contexts, IStripeClient stripe, Ledger ledger, TimeProvider clock)
{
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
        var refunded = false;
        if (paid && order.PaymentIntentId is not null)
        {
            var intent = await new PaymentIntentService(stripe).GetAsync(order.PaymentIntentId, cancellationToken: cancellationToken);
            if (intent.LatestChargeId is not null)
            {
                var charge = await new ChargeService(stripe).GetAsync(intent.LatestChargeId, cancellationToken: cancellationToken);
                refunded = charge.Refunded;
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (paid && order.State == OrderState.Pending)
        {
            // Two checkouts of one course both paid (two tabs, two currencies): the second payment goes back at once.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({order.LearnerId.ToString() + order.CourseId}, 0))",
                cancellationToken);
            if (!refunded && await db.Orders.AnyAsync(o => o.Id != order.Id && o.LearnerId == order.LearnerId && o.CourseId == order.CourseId
                    && o.State == OrderState.Paid, cancellationToken))
            {
                await new RefundService(stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = order.PaymentIntentId, Reason = "duplicate" },
                    new RequestOptions { IdempotencyKey = $"duplicate-{order.Id}" }, cancellationToken);
                order.State = OrderState.Refunded;
                order.PaidAt = now;
                order.RefundedAt = now;
                order.RefundReason = "The course was paid for twice: this payment was refunded at once.";
                await RecordPaymentAsync(db, order, cancellationToken);
                await ledger.RecordRefundAsync(db, Reference(order), order.Price.Amount, now, cancellationToken);
                AuditTrail.Record(db, "stripe", "order.refunded", Reference(order), order.RefundReason, now);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return order;
            }

            order.State = OrderState.Paid;
            order.PaidAt = now;
            await RecordPaymentAsync(db, order, cancellationToken);
            db.Publish(BillingEvents.Granted(order));
        }

        if (refunded && order.State == OrderState.Paid)
        {
            order.State = OrderState.Refunded;
            order.RefundedAt = now;
            order.RefundReason ??= "Refunded through Stripe.";
            await ledger.RecordRefundAsync(db, Reference(order), order.Price.Amount, now, cancellationToken);
            AuditTrail.Record(db, "stripe", "order.refunded", Reference(order), order.RefundReason, now);
            db.Publish(BillingEvents.Revoked(order, order.RefundReason));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return order;
    }

    private static string Reference(Order order) => $"order:{order.Id}";

    private Task RecordPaymentAsync(BillingDbContext db, Order order, CancellationToken cancellationToken) =>
        ledger.RecordPaymentAsync(db, Reference(order), order.PartnerId, order.LearnerId, order.Price, order.PaidAt!.Value, order.Id, null, cancellationToken);
}
