namespace Coursera.Billing.Model;

/// <summary>
/// The percentage of what its offers take that goes to a partner, as agreed with it; partners without one get
/// <see cref="BillingOptions.DefaultPartnerSharePercent"/>.
/// </summary>
public sealed class PartnerShare
{
    public required Guid PartnerId { get; init; }

    public decimal Percent { get; set; }

    public DateTime ChangedAt { get; set; }

    public string? ChangedBy { get; set; }
}
