namespace Coursera.Billing.Model;

/// <summary>
/// Something a learner can buy, with its price in each currency it is sold in. Stripe's Product and Prices follow it
/// (found by <see cref="LookupKey"/> per currency), never the other way round. A subscription's prices are per <see cref="Interval"/>.
/// </summary>
public sealed class Offer
{
    /// <summary>
    /// The "partner" of Coursera Plus: its takings are the platform's, since no one partner's courses earn them
    /// (sharing them out by learning time is a contract matter for later).
    /// </summary>
    public static readonly Guid Platform = Guid.Empty;

    /// <summary>
    /// The "course" of what covers every course (Coursera Plus, a pass), where a course id is kept: its entitlement is
    /// published with no course id.
    /// </summary>
    public static readonly Guid WholeCatalog = Guid.Empty;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public OfferKind Kind { get; init; }

    /// <summary>The course whose certificate a <see cref="OfferKind.CourseCertificate"/> sells.</summary>
    public Guid? CourseId { get; init; }

    /// <summary>The specialization whose courses a <see cref="OfferKind.SpecializationSubscription"/> covers.</summary>
    public Guid? SpecializationId { get; init; }

    /// <summary>Whose takings these are: the course's or specialization's partner, or <see cref="Platform"/> for Coursera Plus.</summary>
    public required Guid PartnerId { get; init; }

    public required string Title { get; set; }

    public List<Money> Prices { get; set; } = [];

    public bool Active { get; set; } = true;

    /// <summary>A subscription's free days before the first charge, for a learner's first subscription to it; 0 for none.</summary>
    public int TrialDays { get; init; }

    /// <summary>How often a subscription is charged (its prices are per interval); Coursera Plus is sold monthly and yearly.</summary>
    public BillingInterval Interval { get; init; } = BillingInterval.Month;

    /// <summary>A <see cref="OfferKind.CatalogPass"/>'s length: 1, 3 or 6 months of every course, paid once.</summary>
    public int? PassMonths { get; init; }

    public bool IsSubscription => Kind is OfferKind.SpecializationSubscription or OfferKind.CatalogSubscription;

    /// <summary>The Stripe Product its Prices belong to, once one was made.</summary>
    public string? StripeProductId { get; set; }

    public DateTime CreatedAt { get; init; }

    /// <summary>The Stripe Price's lookup key for one currency: stable, so prices are found, not copied.</summary>
    public string LookupKey(string currency) => $"offer_{Id:N}_{currency.ToLowerInvariant()}";

    public Money? PriceIn(string currency) => Prices.FirstOrDefault(p => string.Equals(p.Currency, currency, StringComparison.OrdinalIgnoreCase));
}
