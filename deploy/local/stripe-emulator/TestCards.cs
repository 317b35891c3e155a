namespace Coursera.StripeEmulator;

/// <summary>
/// Stripe's test card numbers the emulator knows and what each does, at checkout and when a saved card is charged
/// later (a subscription's renewal), and Stripe's SEPA Direct Debit test IBANs (a delayed method: the bank answers
/// days later, here when <c>POST /_emulator/payment_intents/{id}/settle</c> says so). Any other number is refused, so
/// a typo never passes for a card that pays.
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

    /// <summary>
    /// Stripe's "charge succeeds, then is disputed as fraudulent": it pays like 4242, and right after a payment-mode
    /// checkout the charge is disputed (<see cref="Disputes.Open"/>), the way to rehearse a chargeback. A subscription's
    /// charges are never disputed here: for them it is 4242.
    /// </summary>
    public const string Disputed = "4000000000000259";

    /// <summary>Stripe's SEPA test IBAN whose debit succeeds when the bank answers (settle).</summary>
    public const string SepaSucceeds = "DE89370400440532013000";

    /// <summary>Stripe's SEPA test IBAN whose debit the bank returns for insufficient funds (settle).</summary>
    public const string SepaFails = "DE62370400440532013001";

    /// <summary>The digits of a number as typed (<c>4242 4242 4242 4242</c>).</summary>
    public static string Digits(string? typed) => new([.. (typed ?? "").Where(char.IsAsciiDigit)]);

    /// <summary>
    /// What was typed as an IBAN (<c>de89 3704 0044 0532 0130 00</c>: spaces dropped, upper case) when it starts with a
    /// country's two letters, as an IBAN does and a card number never does; null when it is not one.
    /// </summary>
    public static string? Iban(string? typed)
    {
        var compact = new string([.. (typed ?? "").Where(c => !char.IsWhiteSpace(c))]).ToUpperInvariant();
        return compact.Length > 2 && char.IsAsciiLetter(compact[0]) && char.IsAsciiLetter(compact[1]) ? compact : null;
    }

    /// <summary>Why <paramref name="iban"/> is refused, or null when it is one of Stripe's test IBANs.</summary>
    public static string? IbanRefusal(string iban) => iban is SepaSucceeds or SepaFails
        ? null
        : "Use a test IBAN: DE89 3704 0044 0532 0130 00 (the debit succeeds) or DE62 3704 0044 0532 0130 01 (it fails).";

    /// <summary>
    /// Why <paramref name="card"/> is refused now, or null when it is taken; <paramref name="charged"/> is whether money
    /// is taken at once (not for a trial), since only then does a card that fails its charges show it.
    /// </summary>
    public static string? Refusal(string card, bool charged) => card switch
    {
        Succeeds or Disputed => null,
        ChargesFail => charged ? "Your card was declined." : null,
        Declined => "Your card was declined.",
        InsufficientFunds => "Your card has insufficient funds.",
        _ => "Use a test card: 4242 4242 4242 4242.",
    };

    /// <summary>Whether a refusal is the card's (Stripe's 402 <c>card_error</c>) rather than an unknown number.</summary>
    public static bool IsKnown(string card) => card is Succeeds or Disputed or ChargesFail or Declined or InsufficientFunds;

    /// <summary>The decline code Stripe gives when a saved card is charged, or null when the charge pays.</summary>
    public static string? DeclineCode(string card) => card switch
    {
        Succeeds or Disputed => null,
        InsufficientFunds => "insufficient_funds",
        _ => "generic_decline",
    };
}
