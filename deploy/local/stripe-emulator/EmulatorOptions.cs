namespace Coursera.StripeEmulator;

/// <summary>The emulator's settings (section <c>Emulator</c>).</summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    /// <summary>Where events are delivered (the platform's <c>/billing/stripe/webhook</c>); none are sent when unset.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The endpoint's signing secret (<c>whsec_…</c>), as the Stripe dashboard would show it.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>The API version events carry: the one the Stripe.net in use pins.</summary>
    public string ApiVersion { get; set; } = "2026-10-28.endive";

    /// <summary>Delivery attempts of an event before it is given up (Stripe retries for days; tests need seconds).</summary>
    public int DeliveryAttempts { get; set; } = 5;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
