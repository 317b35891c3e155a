namespace Coursera.Billing.Model;

/// <summary>
/// A learner's subscription to a specialization (or to the whole catalog: Coursera Plus): every course of it on the PAID track while Stripe's subscription is
/// trialing, active or past due; ended when Stripe ends it. The state is always Stripe's, read back from Stripe.
/// </summary>
public sealed class Subscription
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid LearnerId { get; init; }

    public required Guid OfferId { get; init; }

    /// <summary>The specialization it covers; null for Coursera Plus, which covers the whole catalog.</summary>
    public Guid? SpecializationId { get; init; }

    /// <summary>The one "course" a Coursera Plus subscription is entitled to in <see cref="EntitledCourseIds"/>.</summary>
    public static Guid WholeCatalog => Offer.WholeCatalog;

    public required Guid PartnerId { get; init; }

    /// <summary>The price of a period.</summary>
    public required Money Price { get; init; }

    public SubscriptionState State { get; set; } = SubscriptionState.Pending;

    /// <summary>The free days this checkout offered: 0 when the learner had a trial of the specialization before.</summary>
    public int TrialDays { get; init; }

    public string? CheckoutSessionId { get; set; }

    public string? CheckoutUrl { get; set; }

    public string? StripeSubscriptionId { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? StartedAt { get; set; }

    public DateTime? TrialEndsAt { get; set; }

    /// <summary>The end of the period paid for (or of the trial): access is kept until then after a cancellation.</summary>
    public DateTime? CurrentPeriodEndsAt { get; set; }

    /// <summary>Cancelled by the learner: it ends, without a further charge, at <see cref="CurrentPeriodEndsAt"/>.</summary>
    public bool CancelAtPeriodEnd { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>The courses its entitlements were granted for (the specialization's then); empty when none are granted.</summary>
    public List<Guid> EntitledCourseIds { get; set; } = [];

    public bool Entitles => State is SubscriptionState.Trialing or SubscriptionState.Active or SubscriptionState.PastDue;

    /// <summary>
    /// The entitlement of one course: the same id for the subscription's whole life, so the learner service matches
    /// its grant, its renewals and its revocation.
    /// </summary>
    public Guid EntitlementId(Guid courseId) => NameBasedIds.Of($"subscription:{Id:N}:{courseId:N}");
}
