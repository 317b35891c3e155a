using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Coursera.StripeEmulator;

/// <summary>
/// What taking money leaves behind, as in Stripe: a PaymentIntent and, for each attempt on it, a Charge that paid or
/// was declined; and the cards kept as PaymentMethods (<c>pm_…</c>) to be charged later without the customer (a
/// subscription's renewals). Which test card a method holds, and so whether charging it pays, is the emulator's own
/// note: Stripe never shows a card's number, so the API's JSON has only its last four digits. A SEPA Direct Debit is
/// a delayed method: its Charge is pending and its intent processing until the bank answers, which no real account
/// does on demand, so here it answers when <see cref="Settle"/> is called (<c>/_emulator/payment_intents/{id}/settle</c>).
/// </summary>
public sealed class Payments(StripeState state, EventDelivery events)
{
    private const string ReturnedForInsufficientFunds = "The customer's account has insufficient funds to cover this payment.";

    private readonly ConcurrentDictionary<string, string> _cards = new();
    private readonly ConcurrentDictionary<string, string> _ibans = new();

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

    /// <summary>
    /// Keeps a SEPA Direct Debit mandate on <paramref name="iban"/> (one of Stripe's test IBANs, accepted already) as a
    /// PaymentMethod of <paramref name="customer"/>; as for a card, the API's JSON shows only the bank and last four digits.
    /// </summary>
    public JsonObject SaveSepaDebit(string iban, string? customer, string? email)
    {
        ArgumentNullException.ThrowIfNull(iban);
        var method = state.Add("pm", "payment_method", new JsonObject
        {
            ["type"] = "sepa_debit", ["customer"] = customer, ["allow_redisplay"] = "unspecified", ["metadata"] = new JsonObject(),
            ["billing_details"] = new JsonObject { ["email"] = email, ["name"] = null },
            ["sepa_debit"] = new JsonObject
            {
                // A German IBAN: country, check digits, the 8-digit bank code (BLZ), the account number.
                ["bank_code"] = iban[4..12], ["branch_code"] = "", ["country"] = iban[..2], ["last4"] = iban[^4..],
                ["generated_from"] = new JsonObject { ["charge"] = null, ["setup_attempt"] = null },
            },
        });
        _ibans[method["id"]!.GetValue<string>()] = iban;
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
            ["paid"] = paid, ["captured"] = paid, ["refunded"] = false, ["disputed"] = false, ["status"] = paid ? "succeeded" : "failed",
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

    /// <summary>
    /// Debits <paramref name="intent"/> from the SEPA mandate <paramref name="paymentMethod"/>: the bank answers days
    /// later, so the Charge is <c>pending</c> (captured, not paid) and the intent <c>processing</c> until
    /// <see cref="Settle"/>. Called under the state's lock.
    /// </summary>
    public void Debit(JsonObject intent, string paymentMethod)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var amount = intent["amount"]!.GetValue<long>();
        var charge = state.Add("py", "charge", new JsonObject
        {
            ["amount"] = amount, ["amount_captured"] = amount, ["amount_refunded"] = 0L, ["currency"] = StripeApi.Text(intent, "currency"),
            ["paid"] = false, ["captured"] = true, ["refunded"] = false, ["disputed"] = false, ["status"] = "pending",
            ["payment_intent"] = intent["id"]!.GetValue<string>(), ["payment_method"] = paymentMethod, ["customer"] = StripeApi.Text(intent, "customer"),
            ["description"] = StripeApi.Text(intent, "description"), ["metadata"] = intent["metadata"]?.DeepClone() ?? new JsonObject(),
            ["failure_code"] = null, ["failure_message"] = null,
            ["outcome"] = new JsonObject
            {
                ["type"] = "authorized", ["reason"] = null, ["network_status"] = "approved_by_network", ["seller_message"] = "Payment complete.",
            },
        });
        intent["latest_charge"] = charge["id"]!.GetValue<string>();
        intent["status"] = "processing";
        intent["payment_method"] = paymentMethod;
        intent["last_payment_error"] = null;
    }

    /// <summary>
    /// The bank's answer to a processing intent's debit, as it comes days later: for Stripe's succeeding test IBAN the
    /// Charge is paid, the intent <c>succeeded</c> and its Checkout Session <c>paid</c> (<c>payment_intent.succeeded</c>,
    /// then <c>checkout.session.async_payment_succeeded</c>); for the failing one the debit is returned for insufficient
    /// funds, the Charge <c>failed</c>, the intent back to <c>requires_payment_method</c> and the session still unpaid
    /// (<c>payment_intent.payment_failed</c>, then <c>checkout.session.async_payment_failed</c>). An intent that is not
    /// processing has no answer to wait for: Stripe's 400.
    /// </summary>
    public IResult Settle(string id) => state.Change(() =>
    {
        if (state.Find(id) is not { } intent || StripeApi.Text(intent, "object") != "payment_intent")
        {
            return StripeError.NotFound(id, "payment_intent");
        }

        var status = StripeApi.Text(intent, "status");
        if (status != "processing")
        {
            return StripeError.Invalid($"This PaymentIntent's status is {status}: only a processing one waits for the bank's answer.", "payment_intent",
                "payment_intent_unexpected_state");
        }

        var paymentMethod = StripeApi.Text(intent, "payment_method")!;
        var paid = _ibans.TryGetValue(paymentMethod, out var iban) && iban == TestCards.SepaSucceeds;
        var charge = state.Find(StripeApi.Text(intent, "latest_charge")!)!;
        var session = state.List("checkout.session", s => StripeApi.Text(s, "payment_intent") == id).FirstOrDefault();
        var amount = intent["amount"]!.GetValue<long>();
        if (paid)
        {
            charge["paid"] = true;
            charge["status"] = "succeeded";
            intent["status"] = "succeeded";
            intent["amount_received"] = amount;
            if (session is not null)
            {
                session["payment_status"] = "paid";
            }

            events.Raise("payment_intent.succeeded", intent);
            if (session is not null)
            {
                events.Raise("checkout.session.async_payment_succeeded", session);
            }

            return Results.Json(intent.DeepClone());
        }

        charge["status"] = "failed";
        charge["captured"] = false;
        charge["amount_captured"] = 0L;
        charge["failure_code"] = "insufficient_funds";
        charge["failure_message"] = ReturnedForInsufficientFunds;
        charge["outcome"] = new JsonObject
        {
            ["type"] = "issuer_declined", ["reason"] = "insufficient_funds", ["network_status"] = "declined_by_network",
            ["seller_message"] = "The bank returned the debit: the account has insufficient funds.",
        };

        // As for a declined card: the intent waits for another payment method, and says why this one failed.
        intent["status"] = "requires_payment_method";
        intent["payment_method"] = null;
        intent["last_payment_error"] = new JsonObject
        {
            ["type"] = "card_error", ["code"] = "insufficient_funds", ["decline_code"] = "insufficient_funds", ["message"] = ReturnedForInsufficientFunds,
            ["charge"] = charge["id"]!.GetValue<string>(), ["payment_method"] = state.Find(paymentMethod)?.DeepClone(),
        };
        events.Raise("payment_intent.payment_failed", intent);
        if (session is not null)
        {
            events.Raise("checkout.session.async_payment_failed", session);
        }

        return Results.Json(intent.DeepClone());
    });
}
