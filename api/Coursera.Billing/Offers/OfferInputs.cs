using System.ComponentModel;
using GraphQL;

namespace Coursera.Billing.Offers;

public sealed class CreateOfferInput
{
    [Id] public required string CourseId { get; set; }

    [Id, Description("The course's partner: its revenue.")]
    public required string PartnerId { get; set; }

    public required string Title { get; set; }

    [Description("The price in each currency it is sold in: 1 to 20, one per currency.")]
    public List<MoneyInput> Prices { get; set; } = [];
}

public sealed class MoneyInput
{
    [Description("In the currency's minor units (cents): 4900 is 49.00.")]
    public long Amount { get; set; }

    [Description("ISO 4217, such as USD.")]
    public required string Currency { get; set; }
}
