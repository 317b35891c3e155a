using System.Text.Json.Nodes;

namespace Coursera.StripeEmulator;

/// <summary>
/// Stripe's subscription and invoice endpoints the billing service calls (Stripe.net's SubscriptionService and
/// InvoiceService): update (<c>cancel_at_period_end</c>, metadata), cancel now (<c>DELETE</c>), and the lists. Reading
/// one by id is <see cref="StripeApi"/>'s; subscriptions are made by paying a subscription-mode Checkout Session, never
/// here (<c>POST /v1/subscriptions</c> is not emulated), and changed by <see cref="Subscriptions"/>.
/// </summary>
public static class SubscriptionApi
{
    public static void MapSubscriptionApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/subscriptions/{id}", async (string id, HttpRequest request, Subscriptions subscriptions) =>
            subscriptions.Update(id, await FormBody.ReadAsync(request)));
        v1.MapDelete("/subscriptions/{id}", async (string id, HttpRequest request, Subscriptions subscriptions) =>
            subscriptions.Cancel(id, await FormBody.ReadAsync(request)));

        // Lists are copied under the state's lock: an advance may be changing the objects meanwhile.
        // As in Stripe, a list without status= leaves canceled subscriptions out; status=all has them.
        v1.MapGet("/subscriptions", async (HttpRequest request, StripeState state) =>
        {
            var query = await FormBody.ReadAsync(request);
            var customer = StripeApi.Text(query, "customer");
            var status = StripeApi.Text(query, "status");
            var price = StripeApi.Text(query, "price");
            return Results.Json(state.Change(() => StripeApi.Page(request, state.List("subscription", s =>
                (customer is null || StripeApi.Text(s, "customer") == customer)
                && (status == "all" || (status is null ? StripeApi.Text(s, "status") != "canceled" : StripeApi.Text(s, "status") == status))
                && (price is null || s["items"]!["data"]!.AsArray().Any(i => StripeApi.Text(i!["price"]!.AsObject(), "id") == price))))));
        });
        v1.MapGet("/invoices", async (HttpRequest request, StripeState state) =>
        {
            var query = await FormBody.ReadAsync(request);
            var subscription = StripeApi.Text(query, "subscription");
            var customer = StripeApi.Text(query, "customer");
            var status = StripeApi.Text(query, "status");
            return Results.Json(state.Change(() => StripeApi.Page(request, state.List("invoice", i =>
                (subscription is null || StripeApi.Text(i["parent"]?["subscription_details"] as JsonObject ?? [], "subscription") == subscription)
                && (customer is null || StripeApi.Text(i, "customer") == customer)
                && (status is null || StripeApi.Text(i, "status") == status)))));
        });
    }
}
