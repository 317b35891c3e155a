using System.ComponentModel;
using GraphQL;

namespace Coursera.Billing.Revenue;

public sealed class SetPartnerShareInput
{
    [Id] public required string PartnerId { get; set; }

    [Description("The partner's percentage of what its offers take, 0 to 100 with at most two decimals; for payments from now on.")]
    public double Percent { get; set; }
}
