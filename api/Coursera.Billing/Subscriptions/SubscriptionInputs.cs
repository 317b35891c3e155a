using System.ComponentModel;
using GraphQL;

namespace Coursera.Billing.Subscriptions;

public sealed class CancelSubscriptionInput
{
    [Id] public required string SubscriptionId { get; set; }

    [Description("true takes back a cancellation made before the end of the period: the subscription renews again.")]
    public bool? Resume { get; set; }
}
