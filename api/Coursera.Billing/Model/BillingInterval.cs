namespace Coursera.Billing.Model;

/// <summary>How often a subscription is charged: Stripe's recurring interval of its Price.</summary>
public enum BillingInterval
{
    Month,
    Year,
}
