using Coursera.Billing.Model;

namespace Coursera.Billing.Revenue;

/// <summary>
/// A partner's takings in one calendar month (UTC) and currency: what was paid, what was given back, what is left and
/// the partner's part of that. Amounts are never converted between currencies.
/// </summary>
public sealed record RevenueMonth(string Month, string Currency, long Gross, long Refunds, long PartnerShare, int Payments, int RefundCount)
{
    public long Net => Gross - Refunds;

    public Money GrossMoney => new(Gross, Currency);

    public Money RefundsMoney => new(Refunds, Currency);

    public Money NetMoney => new(Net, Currency);

    public Money PartnerShareMoney => new(PartnerShare, Currency);
}
