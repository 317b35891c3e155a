namespace Coursera.Billing.Model;

/// <summary>A learner's purchase of an offer: started at checkout, paid (and entitled) only on Stripe's verified word.</summary>
public sealed class Order
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid LearnerId { get; init; }

    public required Guid OfferId { get; init; }

    /// <summary>The course bought; <see cref="Offer.WholeCatalog"/> for a pass.</summary>
    public required Guid CourseId { get; init; }

    /// <summary>A pass's months, from its offer at checkout.</summary>
    public int? PassMonths { get; init; }

    /// <summary>When a pass's access ends: <see cref="PassMonths"/> after the payment.</summary>
    public DateTime? AccessEndsAt { get; set; }

    public required Guid PartnerId { get; init; }

    public required Money Price { get; init; }

    public OrderState State { get; set; } = OrderState.Pending;

    public string? CheckoutSessionId { get; set; }

    public string? CheckoutUrl { get; set; }

    public string? PaymentIntentId { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? PaidAt { get; set; }

    public DateTime? RefundedAt { get; set; }

    /// <summary>Why it was refunded, or why the learner asks for a refund staff must decide.</summary>
    public string? RefundReason { get; set; }

    /// <summary>When the learner asked staff for a refund that is not automatic (late, or the certificate earned).</summary>
    public DateTime? RefundRequestedAt { get; set; }

    public DateTime? RefundDeclinedAt { get; set; }

    /// <summary>Staff's word to the learner on a declined request.</summary>
    public string? RefundDecisionNote { get; set; }

    public bool RefundRequestPending => State == OrderState.Paid && RefundRequestedAt is not null && RefundDeclinedAt is null;

    /// <summary>Why a delayed payment failed, in the bank's words as Stripe passes them on.</summary>
    public string? FailureReason { get; set; }

    public DateTime? DisputedAt { get; set; }

    /// <summary>The entitlement this order grants: one id for its whole life, so the learner service can match grant and revocation.</summary>
    public Guid EntitlementId { get; init; } = Guid.CreateVersion7();

    /// <summary>
    /// The entitlement given back when a dispute is won: a second id, since the learner service keeps a revoked
    /// entitlement revoked whatever grant of it arrives later.
    /// </summary>
    public Guid ReinstatedEntitlementId => NameBasedIds.Of($"order:{Id:N}:reinstated");
}
