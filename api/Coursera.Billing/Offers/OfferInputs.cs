using System.ComponentModel;
using Coursera.Billing.Model;
using GraphQL;

namespace Coursera.Billing.Offers;

[Description("A course's certificate (courseId and partnerId), a monthly subscription to a specialization (specializationId; its partner is the specialization's) or Coursera Plus (catalog: true, monthly or yearly).")]
public sealed class CreateOfferInput
{
    [Id, Description("Sells this course's certificate, once.")]
    public string? CourseId { get; set; }

    [Id, Description("The course's partner: its revenue. Required with courseId.")]
    public string? PartnerId { get; set; }

    [Id, Description("Sells a monthly subscription to every course of this specialization.")]
    public string? SpecializationId { get; set; }

    [Description("Sells Coursera Plus: every course of the catalog, monthly or yearly (interval). The platform's takings: no partnerId.")]
    public bool? Catalog { get; set; }

    [Description("With catalog: true, sells a pass instead of a subscription: every course for 1, 3 or 6 months, paid once.")]
    public int? PassMonths { get; set; }

    [Description("How often a subscription is charged: MONTH (the default) or, for Coursera Plus, YEAR.")]
    public BillingInterval? Interval { get; set; }

    public required string Title { get; set; }

    [Description("The price in each currency it is sold in (per interval for a subscription): 1 to 20, one per currency.")]
    public List<MoneyInput> Prices { get; set; } = [];

    [Description("A subscription's free trial in days (0 to 30; 7 when omitted), once per learner and specialization (or once for Coursera Plus).")]
    public int? TrialDays { get; set; }
}

public sealed class MoneyInput
{
    [Description("In the currency's minor units (cents): 4900 is 49.00.")]
    public long Amount { get; set; }

    [Description("ISO 4217, such as USD.")]
    public required string Currency { get; set; }
}
