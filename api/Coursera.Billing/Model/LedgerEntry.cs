namespace Coursera.Billing.Model;

/// <summary>
/// Money that moved, once: a payment taken (an order, a subscription's invoice) or given back (a refund), with the
/// partner's share as it was agreed then. Partner revenue is summed from these, so a later change of a partner's
/// percentage never rewrites a month already reported.
/// </summary>
public sealed class LedgerEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>What moved the money, unique: <c>order:{id}</c>, <c>invoice:{stripe id}</c>, <c>refund:order:{id}</c>, <c>dispute:order:{id}</c> (a chargeback).</summary>
    public required string Reference { get; init; }

    public required LedgerEntryKind Kind { get; init; }

    public required Guid PartnerId { get; init; }

    public required Guid LearnerId { get; init; }

    public Guid? OrderId { get; init; }

    public Guid? SubscriptionId { get; init; }

    /// <summary>Minor units: positive for a payment, negative for a refund.</summary>
    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required decimal PartnerSharePercent { get; init; }

    /// <summary>The partner's part of <see cref="Amount"/>, rounded half away from zero to the minor unit.</summary>
    public required long PartnerShareAmount { get; init; }

    public required DateTime OccurredAt { get; init; }
}
