using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Billing.Revenue;

/// <summary>
/// Writes the money an order or subscription moved into the ledger, in the caller's transaction, at most once per
/// reference: reconciliations run again for every event, and the entries must not.
/// </summary>
public sealed class Ledger(IOptions<BillingOptions> options)
{
    public async Task RecordPaymentAsync(BillingDbContext db, string reference, Guid partnerId, Guid learnerId, Money paid, DateTime occurredAt,
        Guid? orderId, Guid? subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(paid);
        if (await RecordedAsync(db, reference, cancellationToken))
        {
            return;
        }

        var percent = await db.PartnerShares.Where(s => s.PartnerId == partnerId).Select(s => (decimal?)s.Percent).SingleOrDefaultAsync(cancellationToken)
            ?? options.Value.DefaultPartnerSharePercent;
        db.Ledger.Add(new LedgerEntry
        {
            Reference = reference, Kind = LedgerEntryKind.Payment, PartnerId = partnerId, LearnerId = learnerId, OrderId = orderId,
            SubscriptionId = subscriptionId, Amount = paid.Amount, Currency = paid.Currency, PartnerSharePercent = percent,
            PartnerShareAmount = ShareOf(paid.Amount, percent), OccurredAt = occurredAt,
        });
    }

    /// <summary>
    /// Money of the payment <paramref name="paymentReference"/> going back (<paramref name="cause"/>: <c>refund</c>, or
    /// <c>dispute</c> for a chargeback), with the partner's share at the payment's percentage; once per cause.
    /// </summary>
    public async Task RecordReversalAsync(BillingDbContext db, string cause, string paymentReference, long refunded, DateTime occurredAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var reference = $"{cause}:{paymentReference}";
        var payment = db.Ledger.Local.SingleOrDefault(e => e.Reference == paymentReference)
            ?? await db.Ledger.AsNoTracking().SingleOrDefaultAsync(e => e.Reference == paymentReference, cancellationToken);
        if (payment is null || await RecordedAsync(db, reference, cancellationToken))
        {
            return;
        }

        db.Ledger.Add(new LedgerEntry
        {
            Reference = reference, Kind = LedgerEntryKind.Refund, PartnerId = payment.PartnerId, LearnerId = payment.LearnerId, OrderId = payment.OrderId,
            SubscriptionId = payment.SubscriptionId, Amount = -refunded, Currency = payment.Currency, PartnerSharePercent = payment.PartnerSharePercent,
            PartnerShareAmount = -ShareOf(refunded, payment.PartnerSharePercent), OccurredAt = occurredAt,
        });
    }

    internal static long ShareOf(long amount, decimal percent) => (long)Math.Round(amount * percent / 100m, MidpointRounding.AwayFromZero);

    private static async Task<bool> RecordedAsync(BillingDbContext db, string reference, CancellationToken cancellationToken) =>
        db.Ledger.Local.Any(e => e.Reference == reference) || await db.Ledger.AnyAsync(e => e.Reference == reference, cancellationToken);
}
