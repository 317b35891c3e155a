using System.ComponentModel;
using GraphQL;

namespace Coursera.Billing.Orders;

public sealed class StartCheckoutInput
{
    [Id] public required string OfferId { get; set; }

    [Description("An ISO 4217 code the offer is priced in (Offer.prices).")]
    public required string Currency { get; set; }

    [Description("Where the checkout page sends the learner after paying; {CHECKOUT_SESSION_ID} is replaced by Stripe.")]
    public required string SuccessUrl { get; set; }

    [Description("Where the checkout page sends the learner who gives up.")]
    public required string CancelUrl { get; set; }
}

public sealed class RequestRefundInput
{
    [Id] public required string OrderId { get; set; }

    [Description("Why, in the learner's words (at most 500 characters).")]
    public string? Reason { get; set; }
}

public sealed class RefundOrderInput
{
    [Id] public required string OrderId { get; set; }

    [Description("Why, kept in the audit trail (1 to 500 characters).")]
    public required string Reason { get; set; }
}

public sealed class DeclineRefundInput
{
    [Id] public required string OrderId { get; set; }

    [Description("Why, for the learner (1 to 1000 characters).")]
    public required string Note { get; set; }
}
