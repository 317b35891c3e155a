using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Coursera.StripeEmulator;

/// <summary>
/// What taking money leaves behind, as in Stripe: a PaymentIntent and, for each attempt on it, a Charge that paid or
/// was declined; and the cards kept as PaymentMethods (<c>pm_…</c>) to be charged later without the customer (a
/// subscription's renewals). Which test card a method holds, and so whether charging it pays, is the emulator's own
/// note: Stripe never shows a card's number, so the API's JSON has only its last four digits.
/// </summary>
public sealed class Payments(StripeState state)
{
    private readonly ConcurrentDictionary<string, string> _cards = new();

    /// <summary>Keeps <paramref name="card"/> (accepted already) as a PaymentMethod of <paramref name="customer"/>.</summary>
    public JsonObject SaveCard(string card, string? customer, string? email)
    {
        ArgumentNullException.ThrowIfNull(card);
        var method = state.Add("pm", "payment_method", new JsonObject
        {
            ["type"] = "card", ["customer"] = customer, ["allow_redisplay"] = "unspecified", ["metadata"] = new JsonObject(),
            ["billing_details"] = new JsonObject { ["email"] = email, ["name"] = null },
            ["card"] = new JsonObject
            {
                ["brand"] = "visa", ["display_brand"] = "visa", ["last4"] = card[^4..], ["funding"] = "credit", ["country"] = "US",
                ["exp_month"] = 12L, ["exp_year"] = DateTimeOffset.FromUnixTimeSeconds(state.Now).Year + 3L,
            },
        });
        _cards[method["id"]!.GetValue<string>()] = card;
        return method;
    }

    /// <summary>A PaymentIntent for <paramref name="amount"/>, not yet attempted.</summary>
    public JsonObject NewIntent(long amount, string currency, string? customer, JsonNode? metadata, string? description) =>
        state.Add("pi", "payment_intent", new JsonObject
        {
            ["amount"] = amount, ["amount_received"] = 0L, ["currency"] = currency, ["status"] = "requires_payment_method", ["customer"] = customer,
            ["description"] = description, ["metadata"] = metadata?.DeepClone() ?? new JsonObject(), ["payment_method"] = null,
            ["latest_charge"] = null, ["last_payment_error"] = null,
        });

    /// <summary>
    /// Charges <paramref name="intent"/> to <paramref name="paymentMethod"/>: a new Charge, paid or declined as the card
    /// does; a declined intent waits for another attempt (<c>requires_payment_method</c>), as Stripe's retries use it.
    /// Called under the state's lock.
    /// </summary>
    public bool Attempt(JsonObject intent, string paymentMethod)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var declineCode = _cards.TryGetValue(paymentMethod, out var card) ? TestCards.DeclineCode(card) : "generic_decline";
        var paid = declineCode is null;
        var message = declineCode == "insufficient_funds" ? "Your card has insufficient funds." : "Your card was declined.";
        var amount = intent["amount"]!.GetValue<long>();
        var charge = state.Add("ch", "charge", new JsonObject
        {
            ["amount"] = amount, ["amount_captured"] = paid ? amount : 0L, ["amount_refunded"] = 0L, ["currency"] = StripeApi.Text(intent, "currency"),
            ["paid"] = paid, ["captured"] = paid, ["refunded"] = false, ["status"] = paid ? "succeeded" : "failed",
            ["payment_intent"] = intent["id"]!.GetValue<string>(), ["payment_method"] = paymentMethod, ["customer"] = StripeApi.Text(intent, "customer"),
            ["description"] = StripeApi.Text(intent, "description"), ["metadata"] = intent["metadata"]?.DeepClone() ?? new JsonObject(),
            ["failure_code"] = paid ? null : "card_declined", ["failure_message"] = paid ? null : message,
            ["outcome"] = new JsonObject
            {
                ["type"] = paid ? "authorized" : "issuer_declined", ["reason"] = declineCode,
                ["network_status"] = paid ? "approved_by_network" : "declined_by_network",
                ["seller_message"] = paid ? "Payment complete." : "The bank did not return any further details with this decline.",
            },
        });
        intent["latest_charge"] = charge["id"]!.GetValue<string>();
        intent["status"] = paid ? "succeeded" : "requires_payment_method";
        intent["amount_received"] = paid ? amount : 0L;

        // Stripe empties a declined intent's payment_method (the next attempt brings one) and says why it failed.
        intent["payment_method"] = paid ? paymentMethod : null;
        intent["last_payment_error"] = paid ? null : new JsonObject
        {
            ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = declineCode, ["message"] = message,
            ["charge"] = charge["id"]!.GetValue<string>(),
        };
        return paid;
    }
}
