using System.Net;
using System.Text.Json.Nodes;

namespace Coursera.StripeEmulator;

/// <summary>
/// The hosted checkout page a Checkout Session's <c>url</c> opens: it "pays" with Stripe's test card numbers.
/// 4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined (the page says so, nothing is charged, no event);
/// 4000 0000 0000 9995 is declined for insufficient funds.
/// </summary>
public static class CheckoutPage
{
    public const string SucceedingCard = "4242424242424242";

    public static void MapCheckoutPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/checkout/{id}", (string id, StripeState state) =>
            state.Find(id) is { } session ? Page(session, null) : Results.NotFound());
        app.MapPost("/checkout/{id}", async (string id, HttpRequest request, StripeState state, EventDelivery events) =>
        {
            if (state.Find(id) is not { } session)
            {
                return Results.NotFound();
            }

            var form = await request.ReadFormAsync();
            var card = new string([.. form["card"].ToString().Where(char.IsAsciiDigit)]);
            return card switch
            {
                SucceedingCard => Pay(session, state, events),
                "4000000000000002" => Page(session, "Your card was declined."),
                "4000000000009995" => Page(session, "Your card has insufficient funds."),
                _ => Page(session, "Use a test card: 4242 4242 4242 4242."),
            };
        });
    }

    private static IResult Pay(JsonObject session, StripeState state, EventDelivery events)
    {
        var paid = state.Change(() =>
        {
            if (StripeApi.Text(session, "status") != "open")
            {
                return false; // paid already: the page was posted twice
            }

            var metadata = session["payment_intent_data"]?["metadata"]?.DeepClone() ?? new JsonObject();
            var intent = state.Add("pi", "payment_intent", new JsonObject
            {
                ["amount"] = session["amount_total"]!.GetValue<long>(), ["currency"] = StripeApi.Text(session, "currency"), ["status"] = "succeeded",
                ["customer"] = StripeApi.Text(session, "customer"), ["metadata"] = metadata,
            });
            var charge = state.Add("ch", "charge", new JsonObject
            {
                ["amount"] = intent["amount"]!.GetValue<long>(), ["amount_refunded"] = 0L, ["currency"] = StripeApi.Text(intent, "currency"), ["paid"] = true,
                ["refunded"] = false, ["status"] = "succeeded", ["payment_intent"] = intent["id"]!.GetValue<string>(),
                ["customer"] = StripeApi.Text(session, "customer"), ["metadata"] = metadata.DeepClone(),
            });
            intent["latest_charge"] = charge["id"]!.GetValue<string>();
            session["status"] = "complete";
            session["payment_status"] = "paid";
            session["payment_intent"] = intent["id"]!.GetValue<string>();
            events.Raise("checkout.session.completed", session);
            return true;
        });
        var success = StripeApi.Text(session, "success_url")!.Replace("{CHECKOUT_SESSION_ID}", StripeApi.Text(session, "id"), StringComparison.Ordinal);
        return paid || StripeApi.Text(session, "payment_status") == "paid" ? Results.Redirect(success) : Page(session, "This session has expired.");
    }

    private static IResult Page(JsonObject session, string? error)
    {
        var amount = session["amount_total"]!.GetValue<long>() / 100m;
        var currency = StripeApi.Text(session, "currency")!.ToUpperInvariant();
        var html = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout (Stripe emulator)</title></head>
            <body><h1>Pay {currency} {amount:0.00}</h1><p>Stripe emulator: no money moves. Test card 4242 4242 4242 4242 pays.</p>
            {(error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}
            <form method="post"><label>Card number <input name="card" autocomplete="cc-number" required></label> <button>Pay</button></form>
            {(StripeApi.Text(session, "cancel_url") is { } cancel ? $"<p><a href=\"{WebUtility.HtmlEncode(cancel)}\">Cancel</a></p>" : "")}
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: error is null ? 200 : 402);
    }
}
