namespace Coursera.Billing.Model;

/// <summary>A Stripe event already handled: Stripe delivers an event more than once, and it is handled once.</summary>
public sealed class StripeEventReceipt
{
    public required string EventId { get; init; }

    public required string Type { get; init; }

    public DateTime HandledAt { get; init; }
}
