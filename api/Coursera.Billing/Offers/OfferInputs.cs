using System.ComponentModel;
using GraphQL;

namespace Coursera.Billing.Offers;

[Description("A course's certificate (courseId and partnerId) or a monthly subscription to a specialization (specializationId; its partner is the specialization's).")]
public sealed class CreateOfferInput
{
    [Id, Description("Sells this course's certificate, once.")]
    public string? CourseId { get; set; }

    [Id, Description("The course's partner: its revenue. Required with courseId.")]
    public string? PartnerId { get; set; }

    [Id, Description("Sells a monthly subscription to every course of this specialization.")]
    public string? SpecializationId { get; set; }

    public required string Title { get; set; }

    [Description("The price in each currency it is sold in (per month for a subscription): 1 to 20, one per currency.")]
    public List<MoneyInput> Prices { get; set; } = [];

    [Description("A subscription's free trial in days (0 to 30; 7 when omitted), once per learner and specialization.")]
    public int? TrialDays { get; set; }
}

public sealed class MoneyInput
{
    [Description("In the currency's minor units (cents): 4900 is 49.00.")]
    public long Amount { get; set; }

    [Description("ISO 4217, such as USD.")]
    public required string Currency { get; set; }
}
