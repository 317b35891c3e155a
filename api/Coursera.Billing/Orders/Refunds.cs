using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace Coursera.Billing.Orders;

/// <summary>
/// A learner's refund of a single-course purchase: automatic within <see cref="BillingOptions.RefundDays"/> days of
/// paying, unless the course's certificate was earned. The refund goes through Stripe; the order and the entitlement
/// follow Stripe's refunded charge (<see cref="OrderReconciliation"/>), at once and again when its event arrives.
/// </summary>
public sealed class Refunds(IDbContextFactory<BillingDbContext> contexts, IStripeClient stripe, OrderReconciliation orders, IOptions<BillingOptions> options,
    TimeProvider clock)
{
    public async Task<MutationPayload<Order>> RequestAsync(RequestRefundInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = Checkouts.Learner(caller);
        var orderId = Ids.Parse(input.OrderId, "input.orderId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId && o.LearnerId == learnerId, cancellationToken);
        if (order is null)
        {
            return MutationPayload<Order>.Refused(UserError.For("ORDER_NOT_FOUND", "You have no order with this id.", "orderId"));
        }

        if (order.State != OrderState.Paid || order.PaymentIntentId is null)
        {
            return MutationPayload<Order>.Refused(UserError.For("NOT_REFUNDABLE", $"Only a paid order can be refunded; this one is {order.State.ToString().ToUpperInvariant()}.", "orderId"));
        }

        if (input.Reason?.Length > 500)
        {
            return MutationPayload<Order>.Refused(UserError.For("INVALID_REASON", "A reason of at most 500 characters.", "reason"));
        }

        if (clock.GetUtcNow().UtcDateTime > order.PaidAt!.Value.AddDays(options.Value.RefundDays))
        {
            return MutationPayload<Order>.Refused(UserError.For("REFUND_PERIOD_OVER", $"Refunds are automatic for {options.Value.RefundDays} days after paying.", "orderId"));
        }

        if (await db.EarnedCertificates.AnyAsync(c => c.LearnerId == learnerId && c.CourseId == order.CourseId, cancellationToken))
        {
            return MutationPayload<Order>.Refused(UserError.For("CERTIFICATE_EARNED", "The course's certificate was earned: the purchase is no longer refundable.", "orderId"));
        }

        await db.Orders.Where(o => o.Id == orderId && o.RefundReason == null)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.RefundReason, string.IsNullOrWhiteSpace(input.Reason) ? "Asked by the learner." : input.Reason.Trim()),
                cancellationToken);
        await new RefundService(stripe).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = order.PaymentIntentId,
            Reason = "requested_by_customer",
            Metadata = new Dictionary<string, string> { ["order_id"] = order.Id.ToString() },
        }, new RequestOptions { IdempotencyKey = $"refund-{order.Id}" }, cancellationToken);
        return MutationPayload<Order>.Changed((await orders.ReconcileAsync(order.Id, cancellationToken))!);
    }
}
