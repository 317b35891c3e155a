namespace Coursera.StripeEmulator;

/// <summary>
/// What no real Stripe account offers on demand, for tests and drills (<c>/_emulator/…</c>): set the webhook endpoint
/// (the dashboard's job), hold event deliveries, release them reversed or twice, resend one; end a subscription's
/// period now (a test clock's job: renew, fail to renew, retry, cancel at the period's end, see
/// <see cref="Subscriptions.Advance"/>) and replace the card its renewals are charged to (the customer portal's); give
/// a SEPA Direct Debit the bank's answer, which takes days in Stripe (<c>POST /_emulator/payment_intents/{id}/settle</c>:
/// a processing PaymentIntent succeeds or fails as its test IBAN says, see <see cref="Payments.Settle"/>; any other is a
/// 400, an unknown id a 404).
/// </summary>
public static class EmulatorControl
{
    public static void MapEmulatorControl(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var control = app.MapGroup("/_emulator");
        control.MapPost("/webhook-endpoint", (Uri url, string secret, EventDelivery events) =>
        {
            events.Endpoint = (url, secret);
            return Results.NoContent();
        });
        control.MapPost("/deliveries/hold", (EventDelivery events) =>
        {
            events.Hold();
            return Results.NoContent();
        });
        control.MapPost("/deliveries/release", (bool? reverse, bool? twice, EventDelivery events) =>
            Results.Json(new { released = events.Release(reverse == true, twice == true) }));
        control.MapPost("/events/{id}/resend", (string id, StripeState state, EventDelivery events) =>
        {
            if (state.Find(id) is not { } evt || StripeApi.Text(evt, "object") != "event")
            {
                return StripeError.NotFound(id);
            }

            events.Resend(evt);
            return Results.NoContent();
        });
        control.MapPost("/subscriptions/{id}/advance", (string id, Subscriptions subscriptions) => subscriptions.Advance(id));
        control.MapPost("/subscriptions/{id}/payment-method", (string id, string? card, Subscriptions subscriptions) =>
            subscriptions.ReplacePaymentMethod(id, TestCards.Digits(card)));
        control.MapPost("/payment_intents/{id}/settle", (string id, Payments payments) => payments.Settle(id));
    }
}
