namespace Coursera.StripeEmulator;

/// <summary>
/// Stripe's test card numbers the emulator knows and what each does, at checkout and when a saved card is charged
/// later (a subscription's renewal). Any other number is refused, so a typo never passes for a card that pays.
/// </summary>
public static class TestCards
{
    public const string Succeeds = "4242424242424242";

    public const string Declined = "4000000000000002";

    public const string InsufficientFunds = "4000000000009995";

    /// <summary>
    /// Stripe's "attaches to a customer, but charges fail": taken at a checkout that charges nothing (a trial), it is
    /// declined when the trial ends, the way to rehearse a renewal that fails.
    /// </summary>
    public const string ChargesFail = "4000000000000341";

    /// <summary>The digits of a number as typed (<c>4242 4242 4242 4242</c>).</summary>
    public static string Digits(string? typed) => new([.. (typed ?? "").Where(char.IsAsciiDigit)]);

    /// <summary>
    /// Why <paramref name="card"/> is refused now, or null when it is taken; <paramref name="charged"/> is whether money
    /// is taken at once (not for a trial), since only then does a card that fails its charges show it.
    /// </summary>
    public static string? Refusal(string card, bool charged) => card switch
    {
        Succeeds => null,
        ChargesFail => charged ? "Your card was declined." : null,
        Declined => "Your card was declined.",
        InsufficientFunds => "Your card has insufficient funds.",
        _ => "Use a test card: 4242 4242 4242 4242.",
    };

    /// <summary>Whether a refusal is the card's (Stripe's 402 <c>card_error</c>) rather than an unknown number.</summary>
    public static bool IsKnown(string card) => card is Succeeds or ChargesFail or Declined or InsufficientFunds;

    /// <summary>The decline code Stripe gives when a saved card is charged, or null when the charge pays.</summary>
    public static string? DeclineCode(string card) => card switch
    {
        Succeeds => null,
        InsufficientFunds => "insufficient_funds",
        _ => "generic_decline",
    };
}
