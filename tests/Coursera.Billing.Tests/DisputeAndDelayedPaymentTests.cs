using System.Net;
using System.Text.Json.Nodes;
using Coursera.Testing;
using Stripe;
using Stripe.Checkout;
using static Coursera.Billing.Tests.CheckoutTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Billing.Tests;

/// <summary>
/// What card payments at once do not show: a bank debit (SEPA) that is PROCESSING for days and then pays or fails
/// (<c>checkout.session.async_payment_succeeded/failed</c>), and a payment the learner's bank disputes
/// (<c>charge.dispute.*</c>): access suspended while open, given back when won, ended with the certificate when lost.
/// The emulator's test card 4000 0000 0000 0259 is disputed as soon as it pays; its settle endpoint is the bank's answer.
/// </summary>
public sealed class DisputeAndDelayedPaymentTests(BillingApp app) : IClassFixture<BillingApp>
{
    private const string Mine = "{ viewerOrders { id state checkoutUrl failureReason } }";

    private const string DisputedCard = "4000 0000 0000 0259";

    [Fact]
    public async Task A_disputed_payment_suspends_the_access_and_a_won_dispute_gives_it_back()
    {
        var (learnerId, learner, url, _, _) = await CheckoutAsync();
        await PayAsync(url, DisputedCard);
        await StateAsync(learner, "DISPUTED");
        await Eventually(async () => (await TheirsAsync("entitlement.revoked", learnerId)).Count == 1);
        var granted = Assert.Single(await TheirsAsync("entitlement.granted", learnerId));
        var revoked = Assert.Single(await TheirsAsync("entitlement.revoked", learnerId));
        Assert.Equal(granted["entitlementId"]!.GetValue<string>(), revoked["entitlementId"]!.GetValue<string>());
        Assert.False(revoked["revokesCertificate"]!.GetValue<bool>());

        // The platform's evidence wins: PAID again, under a new entitlement (the first stays revoked).
        var dispute = await DisputeAsync(url);
        await new DisputeService(Stripe()).UpdateAsync(dispute.Id, new DisputeUpdateOptions { Evidence = new DisputeEvidenceOptions { UncategorizedText = "winning_evidence" } });
        await StateAsync(learner, "PAID");
        await Eventually(async () => (await TheirsAsync("entitlement.granted", learnerId)).Count == 2);
        var reinstated = (await TheirsAsync("entitlement.granted", learnerId))[1]["entitlementId"]!.GetValue<string>();
        Assert.NotEqual(granted["entitlementId"]!.GetValue<string>(), reinstated);
        Assert.Single(await TheirsAsync("entitlement.revoked", learnerId));

        // A later refund ends the access given back too, not only the first entitlement.
        var orderId = (await StateAsync(learner, "PAID"))["id"]!.GetValue<string>();
        Accepted(await (await app.PlatformAdminAsync()).PostAsync("mutation($o: ID!) { refundOrder(input: {orderId: $o, reason: \"Goodwill\"}) { errors { code } } }",
            new { o = orderId }));
        await StateAsync(learner, "REFUNDED");
        await Eventually(async () => (await TheirsAsync("entitlement.revoked", learnerId)).Any(r => r["entitlementId"]!.GetValue<string>() == reinstated));
    }

    [Fact]
    public async Task A_lost_dispute_ends_the_access_revokes_the_certificate_and_counts_against_the_partners_revenue()
    {
        var (learnerId, learner, url, partnerId, offerId) = await CheckoutAsync();
        await PayAsync(url, DisputedCard);
        var order = await StateAsync(learner, "DISPUTED");
        await new DisputeService(Stripe()).CloseAsync((await DisputeAsync(url)).Id);
        await StateAsync(learner, "CHARGED_BACK");
        await Eventually(async () => (await TheirsAsync("entitlement.revoked", learnerId)).Any(r => r["revokesCertificate"]!.GetValue<bool>()));

        // Bought again after a chargeback: a new checkout is allowed.
        Assert.Empty(Accepted(await learner.PostAsync(StartCheckout, new { o = offerId, c = "USD", s = "https://learn.example/paid" }))
            ["startCheckout"]!["errors"]!.AsArray());

        var admin = await app.PlatformAdminAsync();
        var month = (await admin.PostAsync("query($p: ID!) { partnerRevenue(partnerId: $p) { payments refundCount net { amount } partnerShare { amount } } }", new { p = partnerId }))
            .Ok()["partnerRevenue"]!.AsArray().Single()!;
        Assert.Equal((1, 1, 0L, 0L), (month["payments"]!.GetValue<int>(), month["refundCount"]!.GetValue<int>(), month["net"]!["amount"]!.GetValue<long>(),
            month["partnerShare"]!["amount"]!.GetValue<long>()));
        var trail = (await admin.PostAsync("query($s: String) { billingAuditTrail(subject: $s) { action } }", new { s = $"order:{order["id"]!.GetValue<string>()}" }))
            .Ok()["billingAuditTrail"]!.AsArray().Select(e => e!["action"]!.GetValue<string>());
        Assert.Equal(["order.charged_back", "order.disputed"], trail);
    }

    [Fact]
    public async Task A_bank_debit_is_processing_until_the_bank_pays_and_nothing_is_granted_before()
    {
        var (learnerId, learner, url, _, offerId) = await CheckoutAsync();
        await PayAsync(url, "DE89 3704 0044 0532 0130 00");
        var order = await StateAsync(learner, "PROCESSING");
        Assert.Null(order["checkoutUrl"]);
        Assert.Equal("PAYMENT_PROCESSING", Refusal(await learner.PostAsync(StartCheckout, new { o = offerId, c = "USD", s = "https://learn.example/paid" }),
            "startCheckout"));
        Assert.Empty(await TheirsAsync("entitlement.granted", learnerId));

        await app.Stripe.ControlAsync($"/_emulator/payment_intents/{await PaymentIntentAsync(url)}/settle");
        await StateAsync(learner, "PAID");
        await Eventually(async () => (await TheirsAsync("entitlement.granted", learnerId)).Count == 1);
    }

    [Fact]
    public async Task A_bank_debit_the_bank_refuses_fails_the_order_grants_nothing_and_a_new_checkout_may_start()
    {
        var (learnerId, learner, url, _, offerId) = await CheckoutAsync();
        await PayAsync(url, "DE62 3704 0044 0532 0130 01");
        await StateAsync(learner, "PROCESSING");
        await app.Stripe.ControlAsync($"/_emulator/payment_intents/{await PaymentIntentAsync(url)}/settle");
        var failed = await StateAsync(learner, "FAILED");
        Assert.False(string.IsNullOrWhiteSpace(failed["failureReason"]!.GetValue<string>()));
        Assert.Empty(await TheirsAsync("entitlement.granted", learnerId));

        var again = Accepted(await learner.PostAsync(StartCheckout, new { o = offerId, c = "USD", s = "https://learn.example/paid" }))
            ["startCheckout"]!["order"]!;
        Assert.Equal("PENDING", again["state"]!.GetValue<string>());
        Assert.NotEqual(url, again["checkoutUrl"]!.GetValue<string>());
    }

    /// <summary>A new course of a new partner on sale at 49 USD, and a new learner's checkout of it: the learner, the checkout page, the partner and the offer.</summary>
    private async Task<(Guid LearnerId, GraphQLHttpClient Learner, string Url, Guid PartnerId, string OfferId)> CheckoutAsync()
    {
        var partnerId = Guid.NewGuid();
        var admin = await app.PlatformAdminAsync();
        var offerId = Accepted(await admin.PostAsync(CreateOffer, new { c = Guid.NewGuid(), p = partnerId, prices = new[] { new { amount = 4900, currency = "USD" } } }))
            ["createOffer"]!["offer"]!["id"]!.GetValue<string>();
        var (learnerId, learner) = await app.NewLearnerAsync();
        var url = Accepted(await learner.PostAsync(StartCheckout, new { o = offerId, c = "USD", s = "https://learn.example/paid" }))
            ["startCheckout"]!["order"]!["checkoutUrl"]!.GetValue<string>();
        return (learnerId, learner, url, partnerId, offerId);
    }

    private async Task PayAsync(string url, string card)
    {
        using var paid = await app.Stripe.PayAsync(url, card);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
    }

    private static async Task<JsonNode> StateAsync(GraphQLHttpClient learner, string state)
    {
        JsonNode? order = null;
        await Eventually(async () => (order = (await learner.PostAsync(Mine)).Ok()["viewerOrders"]![0])!["state"]!.GetValue<string>() == state);
        return order!;
    }

    private StripeClient Stripe() => new("sk_test_emulator", apiBase: app.Stripe.Address.TrimEnd('/'));

    private async Task<string> PaymentIntentAsync(string checkoutUrl) => (await new SessionService(Stripe()).GetAsync(checkoutUrl.Split('/')[^1])).PaymentIntentId;

    private async Task<Dispute> DisputeAsync(string checkoutUrl) =>
        (await new DisputeService(Stripe()).ListAsync(new DisputeListOptions { PaymentIntent = await PaymentIntentAsync(checkoutUrl) })).Data.Single();

    private async Task<List<JsonNode>> TheirsAsync(string type, Guid learnerId) =>
        [.. (await app.PublishedAsync()).Where(e => e.Type == type && Guid.Parse(e.Data["learnerId"]!.GetValue<string>()) == learnerId).Select(e => e.Data)];
}
