namespace Coursera.Billing.Model;

/// <summary>Our side of Stripe's subscription statuses.</summary>
public enum SubscriptionState
{
    /// <summary>The checkout is open: nothing started.</summary>
    Pending,

    /// <summary>In its free trial: entitled; Stripe charges when it ends.</summary>
    Trialing,

    /// <summary>Paid for the current period: entitled.</summary>
    Active,

    /// <summary>A renewal's payment failed and Stripe is retrying: still entitled while it does.</summary>
    PastDue,

    /// <summary>Ended (cancelled at the end of the period, cancelled by staff, or unpaid after the retries): not entitled.</summary>
    Canceled,
}
