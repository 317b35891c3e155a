namespace Coursera.Billing.Model;

/// <summary>A learner's purchase of an offer: started at checkout, paid (and entitled) only on Stripe's verified word.</summary>
public sealed class Order
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid LearnerId { get; init; }

    public required Guid OfferId { get; init; }

    public required Guid CourseId { get; init; }

    public required Guid PartnerId { get; init; }

    public required Money Price { get; init; }

    public OrderState State { get; set; } = OrderState.Pending;

    public string? CheckoutSessionId { get; set; }

    public string? CheckoutUrl { get; set; }

    public string? PaymentIntentId { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? PaidAt { get; set; }

    public DateTime? RefundedAt { get; set; }

    public string? RefundReason { get; set; }

    /// <summary>The entitlement this order grants: one id for its whole life, so the learner service can match grant and revocation.</summary>
    public Guid EntitlementId { get; init; } = Guid.CreateVersion7();
}
