using System.Net;
using System.Text.Json.Nodes;

namespace Coursera.StripeEmulator;

/// <summary>
/// The hosted checkout page a Checkout Session's <c>url</c> opens: it "pays" with Stripe's test card numbers
/// (<see cref="TestCards"/>). 4242 4242 4242 4242 succeeds, and renews a subscription; 4000 0000 0000 0002 is declined
/// (the page says so, nothing is charged, no event); 4000 0000 0000 9995 is declined for insufficient funds;
/// 4000 0000 0000 0341 attaches but its charges fail: taken only to start a trial (nothing is charged yet), whose
/// renewal it then fails, declined like 0002 anywhere money is taken at once; 4000 0000 0000 0259 pays like 4242 and,
/// in payment mode, its charge is then disputed as fraudulent (<c>charge.dispute.created</c> after
/// <c>checkout.session.completed</c>, see <see cref="Disputes"/>). A payment-mode session leaves a PaymentIntent and
/// its Charge; a subscription-mode one a customer, a subscription and its first invoice (<see cref="Subscriptions.Start"/>).
/// In payment mode the same field takes Stripe's SEPA Direct Debit test IBANs (spaces and case as typed):
/// DE89 3704 0044 0532 0130 00 and DE62 3704 0044 0532 0130 01 complete the session unpaid, the PaymentIntent
/// processing and its Charge pending, until <c>POST /_emulator/payment_intents/{id}/settle</c> gives the bank's answer:
/// paid for the first, returned for insufficient funds for the second (<see cref="Payments.Settle"/>). A subscription
/// is paid by card only here, so the page refuses an IBAN for one.
/// </summary>
public static class CheckoutPage
{
    public const string SucceedingCard = TestCards.Succeeds;

    public static void MapCheckoutPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/checkout/{id}", (string id, StripeState state) =>
            state.Find(id) is { } session && StripeApi.Text(session, "object") == "checkout.session" ? Page(session, null) : Results.NotFound());
        app.MapPost("/checkout/{id}", async (string id, HttpRequest request, StripeState state, Payments payments, Subscriptions subscriptions,
            Disputes disputes, EventDelivery events) =>
        {
            if (state.Find(id) is not { } session || StripeApi.Text(session, "object") != "checkout.session")
            {
                return Results.NotFound();
            }

            var form = await request.ReadFormAsync();
            if (TestCards.Iban(form["card"].ToString()) is { } iban)
            {
                var refused = StripeApi.Text(session, "mode") == "subscription"
                    ? "A subscription is paid by card here: SEPA Direct Debit is taken for one-time payments only."
                    : TestCards.IbanRefusal(iban);
                return refused is null ? Pay(session, iban, state, payments, subscriptions, disputes, events) : Page(session, refused);
            }

            var card = TestCards.Digits(form["card"].ToString());
            return TestCards.Refusal(card, Charged(session)) is { } refusal ? Page(session, refusal) : Pay(session, card, state, payments, subscriptions, disputes, events);
        });
    }

    // Whether paying takes money at once: not for a subscription that starts with a trial (or costs nothing).
    private static bool Charged(JsonObject session) =>
        StripeApi.Text(session, "mode") != "subscription" || (Subscriptions.TrialDays(session) == 0 && session["amount_total"]!.GetValue<long>() > 0);

    // Pays with a test card's digits or, in payment mode, a test IBAN (either accepted already).
    private static IResult Pay(JsonObject session, string card, StripeState state, Payments payments, Subscriptions subscriptions, Disputes disputes,
        EventDelivery events)
    {
        var completed = state.Change(() =>
        {
            if (StripeApi.Text(session, "status") != "open")
            {
                return false; // paid already: the page was posted twice
            }

            if (StripeApi.Text(session, "mode") == "subscription")
            {
                subscriptions.Start(session, card);
                return true;
            }

            var customer = StripeApi.Text(session, "customer");
            var metadata = session["payment_intent_data"]?["metadata"]?.DeepClone() ?? new JsonObject();
            var intent = payments.NewIntent(session["amount_total"]!.GetValue<long>(), StripeApi.Text(session, "currency")!, customer, metadata, null);
            var email = StripeApi.Text(session, "customer_email");
            var debit = card is TestCards.SepaSucceeds or TestCards.SepaFails;
            if (debit)
            {
                payments.Debit(intent, payments.SaveSepaDebit(card, customer, email)["id"]!.GetValue<string>());
            }
            else
            {
                payments.Attempt(intent, payments.SaveCard(card, customer, email)["id"]!.GetValue<string>());
            }

            // A debit completes the session unpaid: the money comes (or not) when the bank answers.
            session["status"] = "complete";
            session["payment_status"] = debit ? "unpaid" : "paid";
            session["payment_intent"] = intent["id"]!.GetValue<string>();
            events.Raise("checkout.session.completed", session);
            if (card == TestCards.Disputed)
            {
                disputes.Open(state.Find(StripeApi.Text(intent, "latest_charge")!)!);
            }

            return true;
        });
        var success = StripeApi.Text(session, "success_url")!.Replace("{CHECKOUT_SESSION_ID}", StripeApi.Text(session, "id"), StringComparison.Ordinal);
        return completed || StripeApi.Text(session, "status") == "complete" ? Results.Redirect(success) : Page(session, "This session has expired.");
    }

    private static IResult Page(JsonObject session, string? error)
    {
        var amount = session["amount_total"]!.GetValue<long>() / 100m;
        var currency = StripeApi.Text(session, "currency")!.ToUpperInvariant();
        var title = $"Pay {currency} {amount:0.00}";
        var field = "Card number";
        var cards = "Test card 4242 4242 4242 4242 pays.";
        if (StripeApi.Text(session, "mode") == "payment")
        {
            field = "Card number or IBAN";
            cards += " 4000 0000 0000 0259 pays, then is disputed as fraudulent. SEPA Direct Debit: IBAN DE89 3704 0044 0532 0130 00"
                + " is debited and DE62 3704 0044 0532 0130 01 returned for insufficient funds when the bank answers"
                + " (POST /_emulator/payment_intents/{id}/settle); until then the payment is processing.";
        }

        if (StripeApi.Text(session, "mode") == "subscription" && session["line_items"]?["data"]?[0]?["price"]?["recurring"] is JsonObject recurring)
        {
            var trialDays = Subscriptions.TrialDays(session);
            title = $"Subscribe: {currency} {amount:0.00} every {StripeApi.Text(recurring, "interval_count")} {StripeApi.Text(recurring, "interval")}(s)"
                + (trialDays > 0 ? $", after a {trialDays}-day free trial" : "");
            cards += trialDays > 0 ? " 4000 0000 0000 0341 starts the trial, then fails to pay for it." : "";
        }

        var html = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout (Stripe emulator)</title></head>
            <body><h1>{WebUtility.HtmlEncode(title)}</h1><p>Stripe emulator: no money moves. {cards}</p>
            {(error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}
            <form method="post"><label>{field} <input name="card" autocomplete="{(field == "Card number" ? "cc-number" : "off")}" required></label> <button>Pay</button></form>
            {(StripeApi.Text(session, "cancel_url") is { } cancel ? $"<p><a href=\"{WebUtility.HtmlEncode(cancel)}\">Cancel</a></p>" : "")}
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: error is null ? 200 : 402);
    }
}
