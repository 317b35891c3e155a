namespace Coursera.Billing.Model;

public enum LedgerEntryKind
{
    /// <summary>A payment taken: an order paid, or a subscription's invoice.</summary>
    Payment,

    /// <summary>A payment given back.</summary>
    Refund,
}
