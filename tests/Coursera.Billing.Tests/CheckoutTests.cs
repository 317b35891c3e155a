using System.Net;
using System.Text.Json.Nodes;
using Coursera.Testing;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Billing.Tests;

/// <summary>
/// Buying a course certificate through Stripe Checkout (the emulator, driven by the real Stripe.net): the order is
/// paid and the entitlement granted only on Stripe's signed event; a declined card changes nothing; a refund within
/// 14 days revokes the entitlement unless the certificate was earned.
/// </summary>
public sealed class CheckoutTests(BillingApp app) : IClassFixture<BillingApp>
{
    internal const string CreateOffer = """
        mutation($c: ID!, $p: ID!, $prices: [MoneyInput!]!) { createOffer(input: {courseId: $c, partnerId: $p, title: "Certificate", prices: $prices}) {
          offer { id prices { amount currency } } errors { code path } } }
        """;

    internal const string StartCheckout = """
        mutation($o: ID!, $c: String!, $s: String!) { startCheckout(input: {offerId: $o, currency: $c, successUrl: $s, cancelUrl: "https://learn.example/cancel"}) {
          order { id state checkoutUrl price { amount currency } } errors { code path } } }
        """;

    internal const string ViewerOrders = "{ viewerOrders { id state paidAt refundedAt checkoutUrl } }";

    internal const string Refund = "mutation($o: ID!) { requestRefund(input: {orderId: $o, reason: \"Changed my mind\"}) { order { state } errors { code } } }";

    [Fact]
    public async Task A_paid_checkout_grants_the_entitlement_a_declined_card_nothing_and_a_refund_revokes_it()
    {
        var (courseId, offerId) = await OfferAsync();
        var (learnerId, learner) = await app.NewLearnerAsync();
        var order = Accepted(await learner.PostAsync(StartCheckout, new { o = offerId, c = "usd", s = "https://learn.example/paid?session={CHECKOUT_SESSION_ID}" }))
            ["startCheckout"]!["order"]!;
        Assert.Equal("PENDING", order["state"]!.GetValue<string>());
        Assert.Equal(4900, order["price"]!["amount"]!.GetValue<long>());
        var url = order["checkoutUrl"]!.GetValue<string>();
        Assert.StartsWith(app.Stripe.Address, url, StringComparison.Ordinal);

        // Starting again returns the same open checkout, not a second one.
        Assert.Equal(url, Accepted(await learner.PostAsync(StartCheckout, new { o = offerId, c = "USD", s = "https://learn.example/paid" }))
            ["startCheckout"]!["order"]!["checkoutUrl"]!.GetValue<string>());

        // A declined card: the page says so, the order stays pending, nothing is granted.
        using (var declined = await app.Stripe.PayAsync(url, "4000 0000 0000 0002"))
        {
            Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
            Assert.Contains("declined", await declined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("PENDING", (await learner.PostAsync(ViewerOrders)).Ok()["viewerOrders"]![0]!["state"]!.GetValue<string>());

        // 4242…: Stripe sends the learner back, and its signed event makes the order paid and grants the entitlement.
        using (var paid = await app.Stripe.PayAsync(url, "4242 4242 4242 4242"))
        {
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
            Assert.StartsWith("https://learn.example/paid?session=cs_test_", paid.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        JsonNode? mine = null;
        await Eventually(async () => (mine = (await learner.PostAsync(ViewerOrders)).Ok()["viewerOrders"]![0])!["state"]!.GetValue<string>() == "PAID");
        Assert.Null(mine!["checkoutUrl"]);
        await Eventually(async () => (await app.PublishedAsync()).Any(e => e.Type == "entitlement.granted" && Guid.Parse(e.Data["learnerId"]!.GetValue<string>()) == learnerId));
        var granted = (await app.PublishedAsync()).Single(e => e.Type == "entitlement.granted" && Guid.Parse(e.Data["learnerId"]!.GetValue<string>()) == learnerId).Data;
        Assert.Equal(courseId, Guid.Parse(granted["courseId"]!.GetValue<string>()));
        Assert.Equal("ALREADY_PURCHASED", Refusal(await learner.PostAsync(StartCheckout, new { o = offerId, c = "USD", s = "https://learn.example/paid" }), "startCheckout"));

        // Another learner sees none of it.
        var (_, stranger) = await app.NewLearnerAsync();
        Assert.Empty((await stranger.PostAsync(ViewerOrders)).Ok()["viewerOrders"]!.AsArray());
        Assert.Equal("ORDER_NOT_FOUND", Refusal(await stranger.PostAsync(Refund, new { o = mine["id"]!.GetValue<string>() }), "requestRefund"));

        // The refund: the order is refunded at once, the entitlement revoked; a second refund is refused.
        Assert.Equal("REFUNDED", Accepted(await learner.PostAsync(Refund, new { o = mine["id"]!.GetValue<string>() }))["requestRefund"]!["order"]!["state"]!.GetValue<string>());
        await Eventually(async () => (await app.PublishedAsync()).Any(e => e.Type == "entitlement.revoked" && Guid.Parse(e.Data["learnerId"]!.GetValue<string>()) == learnerId));
        Assert.Equal("NOT_REFUNDABLE", Refusal(await learner.PostAsync(Refund, new { o = mine["id"]!.GetValue<string>() }), "requestRefund"));
        Assert.Single((await app.PublishedAsync()), e => e.Type == "entitlement.revoked" && Guid.Parse(e.Data["learnerId"]!.GetValue<string>()) == learnerId);
    }

    [Fact]
    public async Task A_course_paid_for_twice_is_granted_once_and_the_second_payment_refunded()
    {
        var (_, offerId) = await OfferAsync();
        var (learnerId, learner) = await app.NewLearnerAsync();
        var urls = new List<string>();
        foreach (var currency in new[] { "USD", "EUR" }) // two checkouts open at once, as in two tabs
        {
            urls.Add(Accepted(await learner.PostAsync(StartCheckout, new { o = offerId, c = currency, s = "https://learn.example/paid" }))
                ["startCheckout"]!["order"]!["checkoutUrl"]!.GetValue<string>());
        }

        foreach (var url in urls)
        {
            (await app.Stripe.PayAsync(url, "4242424242424242")).Dispose();
        }

        await Eventually(async () => (await learner.PostAsync(ViewerOrders)).Ok()["viewerOrders"]!.AsArray().Select(o => o!["state"]!.GetValue<string>())
            .Order(StringComparer.Ordinal).SequenceEqual(["PAID", "REFUNDED"]));
        // The outbox relay publishes after the order is stored: wait for the grant, then long enough for a second one to show.
        await Eventually(async () => (await app.PublishedAsync()).Any(e => e.Type == "entitlement.granted" && e.Data["learnerId"]!.GetValue<string>() == learnerId.ToString()));
        await Task.Delay(1000);
        Assert.Single(await app.PublishedAsync(), e => e.Type == "entitlement.granted" && e.Data["learnerId"]!.GetValue<string>() == learnerId.ToString());
        Assert.DoesNotContain(await app.PublishedAsync(), e => e.Type == "entitlement.revoked" && e.Data["learnerId"]!.GetValue<string>() == learnerId.ToString());
    }

    [Fact]
    public async Task Offers_are_set_by_platform_administrators_and_bad_checkouts_are_refused()
    {
        var admin = await app.PlatformAdminAsync();
        var (_, learner) = await app.NewLearnerAsync();
        var prices = new[] { new { amount = 4900, currency = "USD" } };
        Assert.Equal("FORBIDDEN", (await learner.PostAsync(CreateOffer, new { c = Guid.NewGuid(), p = Guid.NewGuid(), prices })).ErrorCode());
        Assert.Equal("INVALID_OFFER", Refusal(await admin.PostAsync(CreateOffer, new { c = Guid.NewGuid(), p = Guid.NewGuid(),
            prices = new[] { new { amount = 4900, currency = "USD" }, new { amount = 100, currency = "usd" } } }), "createOffer"));
        Assert.Equal("INVALID_OFFER", Refusal(await admin.PostAsync(CreateOffer, new { c = Guid.NewGuid(), p = Guid.NewGuid(),
            prices = new[] { new { amount = 0, currency = "USD" } } }), "createOffer"));

        var (_, offerId) = await OfferAsync();
        Assert.Equal("UNSUPPORTED_CURRENCY", Refusal(await learner.PostAsync(StartCheckout, new { o = offerId, c = "JPY", s = "https://learn.example/paid" }), "startCheckout"));
        Assert.Equal("INVALID_URL", Refusal(await learner.PostAsync(StartCheckout, new { o = offerId, c = "USD", s = "javascript:alert(1)" }), "startCheckout"));
        Assert.Equal("OFFER_NOT_FOUND", Refusal(await learner.PostAsync(StartCheckout, new { o = Guid.NewGuid(), c = "USD", s = "https://learn.example/paid" }), "startCheckout"));
        Assert.Equal("UNAUTHENTICATED", (await app.Client().PostAsync(StartCheckout, new { o = offerId, c = "USD", s = "https://learn.example/paid" })).ErrorCode());
        Assert.Empty((await learner.PostAsync(ViewerOrders)).Ok()["viewerOrders"]!.AsArray());
    }

    /// <summary>A new course's certificate on sale at 49 USD and 45 EUR: the course's id and the offer's.</summary>
    private async Task<(Guid CourseId, string OfferId)> OfferAsync()
    {
        var courseId = Guid.NewGuid();
        var admin = await app.PlatformAdminAsync();
        var offer = Accepted(await admin.PostAsync(CreateOffer, new
        {
            c = courseId, p = Guid.NewGuid(), prices = new[] { new { amount = 4900, currency = "usd" }, new { amount = 4500, currency = "EUR" } },
        }))["createOffer"]!["offer"]!;
        return (courseId, offer["id"]!.GetValue<string>());
    }

    internal static string? Refusal(GraphQLResponse response, string field) =>
        response.Ok()[field]!["errors"]!.AsArray().FirstOrDefault()?["code"]!.GetValue<string>();
}
