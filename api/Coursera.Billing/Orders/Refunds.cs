using Coursera.Billing.Audit;
using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace Coursera.Billing.Orders;

/// <summary>
/// Refunds of single-course purchases. A learner's is automatic within <see cref="BillingOptions.RefundDays"/> days of
/// paying unless the course's certificate was earned; later, or after the certificate, it is a request that platform
/// staff grant (<c>refundOrder</c>) or decline with a note. Staff may also refund any paid order, with a reason. Every
/// step is in the audit trail. The money goes back through Stripe; the order and the entitlement follow Stripe's
/// refunded charge (<see cref="OrderReconciliation"/>), at once and again when its event arrives.
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
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await LockAsync(db, orderId, cancellationToken) is { } locked && locked.LearnerId == learnerId ? locked : null;
        if (order is null)
        {
            return MutationPayload<Order>.Refused(UserError.For("ORDER_NOT_FOUND", "You have no order with this id.", "orderId"));
        }

        if (Unrefundable(order) is { } refusal)
        {
            return MutationPayload<Order>.Refused(refusal);
        }

        if (input.Reason?.Length > 500)
        {
            return MutationPayload<Order>.Refused(UserError.For("INVALID_REASON", "A reason of at most 500 characters.", "reason"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var late = now > order.PaidAt!.Value.AddDays(options.Value.RefundDays);
        // A pass covers every course: any certificate earned since paying for it counts.
        var certified = await db.EarnedCertificates.AnyAsync(c => c.LearnerId == learnerId
            && (order.CourseId == Offer.WholeCatalog ? c.IssuedAt >= order.PaidAt : c.CourseId == order.CourseId), cancellationToken);
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        if (late || certified)
        {
            // Not automatic: staff decide, once per order.
            if (order.RefundRequestedAt is not null)
            {
                return MutationPayload<Order>.Refused(UserError.For("REFUND_ALREADY_REQUESTED",
                    order.RefundDeclinedAt is null ? "Your request is with our staff." : "Our staff declined your request; see refundDecisionNote.", "orderId"));
            }

            if (reason is null)
            {
                return MutationPayload<Order>.Refused(UserError.For("INVALID_REASON",
                    late ? $"Refunds are automatic for {options.Value.RefundDays} days after paying; say why you ask for one, for our staff to decide."
                        : "The course's certificate was earned; say why you ask for a refund, for our staff to decide.", "reason"));
            }

            order.RefundRequestedAt = now;
            order.RefundReason = reason;
            AuditTrail.Record(db, caller, "refund.requested", Subject(order), reason, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return MutationPayload<Order>.Changed(order);
        }

        order.RefundReason ??= reason ?? "Asked by the learner.";
        AuditTrail.Record(db, caller, "refund.automatic", Subject(order), order.RefundReason, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await RefundAsync(order, "requested_by_customer", cancellationToken);
    }

    /// <summary>Staff refund a paid order, whatever its age or certificate (granting the learner's request if there is one).</summary>
    public async Task<MutationPayload<Order>> RefundByStaffAsync(RefundOrderInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        PlatformAdministrators.Require(caller, "Staff refunds are made by platform administrators.");
        var orderId = Ids.Parse(input.OrderId, "input.orderId");
        if (input.Reason.Trim() is not { Length: > 0 and <= 500 } reason)
        {
            return MutationPayload<Order>.Refused(UserError.For("INVALID_REASON", "A reason of 1 to 500 characters, kept in the audit trail.", "reason"));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await LockAsync(db, orderId, cancellationToken);
        if (order is null)
        {
            return MutationPayload<Order>.Refused(UserError.For("ORDER_NOT_FOUND", "There is no order with this id.", "orderId"));
        }

        if (Unrefundable(order) is { } refusal)
        {
            return MutationPayload<Order>.Refused(refusal);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        order.RefundReason = reason;
        AuditTrail.Record(db, caller, "refund.staff", Subject(order), reason, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await RefundAsync(order, "requested_by_customer", cancellationToken);
    }

    public async Task<MutationPayload<Order>> DeclineAsync(DeclineRefundInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        PlatformAdministrators.Require(caller, "Refund requests are decided by platform administrators.");
        var orderId = Ids.Parse(input.OrderId, "input.orderId");
        if (input.Note.Trim() is not { Length: > 0 and <= 1000 } note)
        {
            return MutationPayload<Order>.Refused(UserError.For("INVALID_NOTE", "A note of 1 to 1000 characters for the learner.", "note"));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await LockAsync(db, orderId, cancellationToken);
        if (order is not { RefundRequestPending: true })
        {
            return MutationPayload<Order>.Refused(UserError.For("NO_REFUND_REQUEST", "No paid order with this id waits for a refund decision.", "orderId"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        order.RefundDeclinedAt = now;
        order.RefundDecisionNote = note;
        AuditTrail.Record(db, caller, "refund.declined", Subject(order), note, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<Order>.Changed(order);
    }

    /// <summary>The requests staff have to decide, oldest first.</summary>
    public async Task<IReadOnlyList<Order>> RequestsAsync(Caller caller, CancellationToken cancellationToken)
    {
        PlatformAdministrators.Require(caller, "Refund requests are decided by platform administrators.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Orders.AsNoTracking().Where(o => o.State == OrderState.Paid && o.RefundRequestedAt != null && o.RefundDeclinedAt == null)
            .OrderBy(o => o.RefundRequestedAt).Take(200).ToListAsync(cancellationToken);
    }

    private static UserError? Unrefundable(Order order) =>
        order.State != OrderState.Paid || order.PaymentIntentId is null
            ? UserError.For("NOT_REFUNDABLE", $"Only a paid order can be refunded; this one is {order.State.ToString().ToUpperInvariant()}.", "orderId")
            : null;

    private async Task<MutationPayload<Order>> RefundAsync(Order order, string stripeReason, CancellationToken cancellationToken)
    {
        await new RefundService(stripe).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = order.PaymentIntentId,
            Reason = stripeReason,
            Metadata = new Dictionary<string, string> { ["order_id"] = order.Id.ToString() },
        }, new RequestOptions { IdempotencyKey = $"refund-{order.Id}" }, cancellationToken);
        return MutationPayload<Order>.Changed((await orders.ReconcileAsync(order.Id, cancellationToken))!);
    }

    private static Task<Order?> LockAsync(BillingDbContext db, Guid orderId, CancellationToken cancellationToken) =>
        db.Orders.FromSql($"SELECT * FROM billing.orders WHERE id = {orderId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    private static string Subject(Order order) => $"order:{order.Id}";
}
