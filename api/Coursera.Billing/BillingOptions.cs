namespace Coursera.Billing;

/// <summary>
/// The billing service's settings, bound from the <c>Billing</c> section (<c>MigrateOnStart</c> and <c>Seed</c> in the
/// same section are its store's).
/// </summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    public StripeSettings Stripe { get; set; } = new();

    /// <summary>Days after a single-course purchase in which a refund is automatic (unless a certificate was earned).</summary>
    public int RefundDays { get; set; } = 14;

    /// <summary>The percentage of its offers' takings that goes to a partner with no agreed share of its own (setPartnerShare).</summary>
    public decimal DefaultPartnerSharePercent { get; set; } = 50m;

    public sealed class StripeSettings
    {
        /// <summary>The secret API key (<c>sk_test_…</c> or <c>sk_live_…</c>).</summary>
        public string SecretKey { get; set; } = "";

        /// <summary>Where Stripe's API is: Stripe's own unless set (the emulator of <c>./run.sh</c> and the tests).</summary>
        public Uri? ApiBase { get; set; }

        /// <summary>
        /// The webhook endpoint's signing secrets (<c>whsec_…</c>): during a rotation both the old and the new one; an
        /// event signed by any of them is taken.
        /// </summary>
        public List<string> WebhookSecrets { get; set; } = [];

        /// <summary>How old a signed event may be (its <c>t=</c>): Stripe's default tolerance.</summary>
        public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromSeconds(300);
    }
}
