namespace Coursera.Billing.Model;

public enum LedgerEntryKind
{
    /// <summary>A payment taken: an order paid, or a subscription's invoice.</summary>
    Payment,

    /// <summary>A payment given back: refunded, or taken back by the learner's bank after a lost dispute.</summary>
    Refund,
}
