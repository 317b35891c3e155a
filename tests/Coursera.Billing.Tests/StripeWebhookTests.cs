using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Coursera.StripeEmulator;
using Coursera.Testing;
using Stripe;
using Stripe.Checkout;
using static Coursera.Billing.Tests.CheckoutTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Billing.Tests;

/// <summary>
/// Stripe's events at <c>/billing/stripe/webhook</c>: only signed ones, recent ones, by a configured secret (two
/// during a rotation); the same event twice, or events in reverse order, end in the same state; an event's claims are
/// checked against Stripe's objects, never taken on its word.
/// </summary>
public sealed class StripeWebhookTests(BillingApp app) : IClassFixture<BillingApp>
{
    [Fact]
    public async Task Forged_stale_and_foreign_signatures_are_refused_and_a_signed_event_is_checked_against_Stripe()
    {
        var (_, learner, order) = await PendingOrderAsync();
        var body = new JsonObject
        {
            ["id"] = "evt_forged_" + Guid.NewGuid().ToString("N"), ["object"] = "event", ["api_version"] = "2026-10-28.endive", ["type"] = "checkout.session.completed",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["livemode"] = false,
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = order["checkoutUrl"]!.GetValue<string>().Split('/')[^1], ["object"] = "checkout.session", ["payment_status"] = "paid",
                    ["status"] = "complete", ["client_reference_id"] = order["id"]!.GetValue<string>(),
                },
            },
        }.ToJsonString();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(body, null));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(body, EventDelivery.Sign("whsec_someone_else", now, body)));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(body, EventDelivery.Sign(app.WebhookSecret, now - 301, body))); // older than 300 s
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(body + " ", EventDelivery.Sign(app.WebhookSecret, now, body))); // body changed
        Assert.Equal("PENDING", (await learner.PostAsync(ViewerOrders)).Ok()["viewerOrders"]![0]!["state"]!.GetValue<string>());

        // The rotation's second secret signs validly: taken, yet the order stays unpaid because Stripe says it is.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(body, EventDelivery.Sign(app.NextWebhookSecret, now, body)));
        Assert.Equal("PENDING", (await learner.PostAsync(ViewerOrders)).Ok()["viewerOrders"]![0]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Events_delivered_twice_and_in_reverse_order_end_in_the_state_Stripe_is_in()
    {
        var (learnerId, learner, order) = await PendingOrderAsync();
        await app.Stripe.ControlAsync("/_emulator/deliveries/hold");
        try
        {
            // Paid on the page, then refunded from Stripe's side (as staff would in the dashboard): two events, held.
            using (var paid = await app.Stripe.PayAsync(order["checkoutUrl"]!.GetValue<string>(), "4242424242424242"))
            {
                Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
            }

            var stripe = new StripeClient("sk_test_emulator", apiBase: app.Stripe.Address.TrimEnd('/'));
            var session = await new SessionService(stripe).GetAsync(order["checkoutUrl"]!.GetValue<string>().Split('/')[^1]);
            await new RefundService(stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = session.PaymentIntentId });
            Assert.Equal("PENDING", (await learner.PostAsync(ViewerOrders)).Ok()["viewerOrders"]![0]!["state"]!.GetValue<string>());
        }
        finally
        {
            await app.Stripe.ControlAsync("/_emulator/deliveries/release?reverse=true&twice=true");
        }

        // The refund's event first, each twice: the order is refunded, granted once and revoked once.
        await Eventually(async () => (await learner.PostAsync(ViewerOrders)).Ok()["viewerOrders"]![0]!["state"]!.GetValue<string>() == "REFUNDED");
        await Eventually(async () => (await TheirsAsync(learnerId)).Contains("entitlement.revoked"));
        await Task.Delay(500); // the duplicates are delivered after the originals
        Assert.Equal(["entitlement.granted", "entitlement.revoked"], await TheirsAsync(learnerId));
    }

    private async Task<(Guid LearnerId, GraphQLHttpClient Learner, JsonNode Order)> PendingOrderAsync()
    {
        var admin = await app.PlatformAdminAsync();
        var offerId = Accepted(await admin.PostAsync(CreateOffer, new { c = Guid.NewGuid(), p = Guid.NewGuid(), prices = new[] { new { amount = 2900, currency = "USD" } } }))
            ["createOffer"]!["offer"]!["id"]!.GetValue<string>();
        var (learnerId, learner) = await app.NewLearnerAsync();
        var order = Accepted(await learner.PostAsync(StartCheckout, new { o = offerId, c = "USD", s = "https://learn.example/paid" }))["startCheckout"]!["order"]!;
        return (learnerId, learner, order);
    }

    private async Task<List<string>> TheirsAsync(Guid learnerId) =>
        [.. (await app.PublishedAsync()).Where(e => e.Type.StartsWith("entitlement.", StringComparison.Ordinal)
            && Guid.Parse(e.Data["learnerId"]!.GetValue<string>()) == learnerId).Select(e => e.Type)];

    private async Task<HttpStatusCode> PostAsync(string body, string? signature)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/billing/stripe/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
