using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Coursera.Events;
using Coursera.Identity.Data;
using Coursera.Testing;
using static Coursera.Billing.Tests.CheckoutTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Billing.Tests;

/// <summary>
/// Partner revenue: every payment (a course bought, a subscription's invoice) and refund goes into the ledger once,
/// shared at the partner's percentage of that day; its administrators read it per month and currency, as GraphQL and
/// as CSV; no other partner does.
/// </summary>
public sealed class RevenueTests(BillingApp app) : IClassFixture<BillingApp>
{
    private const string SetShare = "mutation($p: ID!, $pc: Float!) { setPartnerShare(input: {partnerId: $p, percent: $pc}) { partnerShare { percent } errors { code } } }";

    private const string Revenue = """
        query($p: ID!, $from: String, $to: String) { partnerRevenue(partnerId: $p, from: $from, to: $to) {
          month currency payments refundCount gross { amount currency } refunds { amount } net { amount } partnerShare { amount } } }
        """;

    private static readonly Guid Northfield = SampleTenants.Partners.Single(p => p.Slug == "northfield").Id;

    [Fact]
    public async Task Each_payment_is_shared_at_the_percentage_of_its_day_and_refunds_give_the_share_back()
    {
        // Every payment of the test falls in one month: near a month's end, start in the next one.
        var now = DateTime.UtcNow;
        var nextMonth = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        if (nextMonth - now < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(nextMonth - now + TimeSpan.FromSeconds(1));
        }

        var admin = await app.PlatformAdminAsync();
        Assert.Equal(70, Accepted(await admin.PostAsync(SetShare, new { p = Northfield, pc = 70 }))["setPartnerShare"]!["partnerShare"]!["percent"]!.GetValue<double>());
        var courseId = Guid.NewGuid();
        var offerId = Accepted(await admin.PostAsync(CreateOffer, new
        {
            c = courseId, p = Northfield, prices = new[] { new { amount = 4900, currency = "USD" }, new { amount = 4500, currency = "EUR" } },
        }))["createOffer"]!["offer"]!["id"]!.GetValue<string>();

        // At 70 %: one purchase in USD, one in EUR that is refunded.
        await BuyAsync(offerId, "USD");
        var (_, refunding) = await BuyAsync(offerId, "EUR");
        var orderId = (await refunding.PostAsync(ViewerOrders)).Ok()["viewerOrders"]![0]!["id"]!.GetValue<string>();
        Assert.Equal("REFUNDED", Accepted(await refunding.PostAsync(Refund, new { o = orderId }))["requestRefund"]!["order"]!["state"]!.GetValue<string>());

        // At 60 % from now on: another purchase and a subscription without a trial, paid at checkout.
        Accepted(await admin.PostAsync(SetShare, new { p = Northfield, pc = 60 }));
        await BuyAsync(offerId, "USD");
        await SubscribeAsync(admin);

        var partnerAdmin = await app.UserAsync("admin@northfield.example");
        JsonArray months = [];
        await Eventually(async () => (months = (await partnerAdmin.PostAsync(Revenue, new { p = Northfield })).Ok()["partnerRevenue"]!.AsArray())
            .Sum(m => m!["payments"]!.GetValue<int>()) == 4);
        var thisMonth = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([("EUR", thisMonth), ("USD", thisMonth)], months.Select(m => (m!["currency"]!.GetValue<string>(), m["month"]!.GetValue<string>())));
        var eur = months[0]!;
        Assert.Equal((1, 1, 4500L, 4500L, 0L, 0L), (eur["payments"]!.GetValue<int>(), eur["refundCount"]!.GetValue<int>(), eur["gross"]!["amount"]!.GetValue<long>(),
            eur["refunds"]!["amount"]!.GetValue<long>(), eur["net"]!["amount"]!.GetValue<long>(), eur["partnerShare"]!["amount"]!.GetValue<long>()));
        var usd = months[1]!;
        Assert.Equal((3, 0, 14_700L, 0L, 14_700L), (usd["payments"]!.GetValue<int>(), usd["refundCount"]!.GetValue<int>(), usd["gross"]!["amount"]!.GetValue<long>(),
            usd["refunds"]!["amount"]!.GetValue<long>(), usd["net"]!["amount"]!.GetValue<long>()));
        Assert.Equal(3430 + 2940 + 2940, usd["partnerShare"]!["amount"]!.GetValue<long>()); // 70 % of the first, 60 % of the later two

        // The same months as CSV, in minor units.
        var csv = await CsvAsync(await app.UserTokenAsync("admin@northfield.example"), $"?from={thisMonth}&to={thisMonth}");
        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.Equal(
            ["month,currency,payments,gross,refunds,refunded,net,partner_share", $"{thisMonth},EUR,1,4500,1,4500,0,0", $"{thisMonth},USD,3,14700,0,0,14700,9310"],
            csv.Body.TrimEnd().Split("\r\n"));

        // An earlier period has nothing; the partner's API client with billing:read reads it too.
        Assert.Empty((await partnerAdmin.PostAsync(Revenue, new { p = Northfield, from = "2020-01", to = "2020-12" })).Ok()["partnerRevenue"]!.AsArray());
        Assert.Equal(2, (await (await app.PartnerClientAsync("northfield")).PostAsync(Revenue, new { p = Northfield })).Ok()["partnerRevenue"]!.AsArray().Count);
    }

    [Fact]
    public async Task Only_the_partners_staff_read_its_revenue_and_only_platform_administrators_set_its_share()
    {
        var (_, learner) = await app.NewLearnerAsync();
        foreach (var stranger in new[] { await app.UserAsync("admin@lakeside-tech.example"), await app.PartnerClientAsync("lakeside-tech"), learner })
        {
            Assert.Equal("FORBIDDEN", (await stranger.PostAsync(Revenue, new { p = Northfield })).ErrorCode());
            Assert.Equal("FORBIDDEN", (await stranger.PostAsync(SetShare, new { p = Northfield, pc = 99 })).ErrorCode());
        }

        Assert.Equal("UNAUTHENTICATED", (await app.Client().PostAsync(Revenue, new { p = Northfield })).ErrorCode());
        Assert.Equal("UNAUTHENTICATED", (await app.Client().PostAsync(SetShare, new { p = Northfield, pc = 99 })).ErrorCode());
        Assert.Equal(HttpStatusCode.Unauthorized, (await CsvAsync(null, "")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await CsvAsync(await app.UserTokenAsync("admin@lakeside-tech.example"), "")).Status);

        // Bad periods and percentages are refused and change nothing.
        var partnerAdmin = await app.UserAsync("admin@northfield.example");
        foreach (var (from, to) in new[] { ("2026-13", "2026-12"), ("2026-06", "2026-01"), ("2020-01", "2026-01"), ("last year", (string?)null) })
        {
            Assert.Equal("BAD_USER_INPUT", (await partnerAdmin.PostAsync(Revenue, new { p = Northfield, from, to })).ErrorCode());
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await CsvAsync(await app.UserTokenAsync("admin@northfield.example"), "?from=2026-13")).Status);
        var admin = await app.PlatformAdminAsync();
        foreach (var percent in new[] { -1, 100.5, 33.333 })
        {
            Assert.Equal("INVALID_PERCENT", Refusal(await admin.PostAsync(SetShare, new { p = Northfield, pc = percent }), "setPartnerShare"));
        }
    }

    private async Task<(Guid Id, GraphQLHttpClient Learner)> BuyAsync(string offerId, string currency)
    {
        var (id, learner) = await app.NewLearnerAsync();
        var url = Accepted(await learner.PostAsync(StartCheckout, new { o = offerId, c = currency, s = "https://learn.example/paid" }))
            ["startCheckout"]!["order"]!["checkoutUrl"]!.GetValue<string>();
        using (var paid = await app.Stripe.PayAsync(url, "4242 4242 4242 4242"))
        {
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        }

        await Eventually(async () => (await learner.PostAsync(ViewerOrders)).Ok()["viewerOrders"]![0]!["state"]!.GetValue<string>() == "PAID");
        return (id, learner);
    }

    /// <summary>A new Northfield specialization on sale at 49 USD a month without a trial, subscribed to by a new learner.</summary>
    private async Task SubscribeAsync(GraphQLHttpClient admin)
    {
        var specializationId = Guid.NewGuid();
        await app.PublishAsync(EventEnvelope.Create("specialization.created", "catalog", specializationId.ToString(),
            new { specializationId, partnerId = Northfield, slug = $"track-{specializationId:N}", title = "Track", courseIds = new[] { Guid.NewGuid() } },
            DateTime.UtcNow, partnerId: Northfield));
        JsonNode? offer = null;
        await Eventually(async () => (offer = (await admin.PostAsync("""
            mutation($s: ID) { createOffer(input: {specializationId: $s, title: "Track", trialDays: 0, prices: [{amount: 4900, currency: "USD"}]}) { offer { id } } }
            """, new { s = specializationId })).Ok()["createOffer"]!["offer"]) is JsonObject);
        var (_, learner) = await app.NewLearnerAsync();
        var url = Accepted(await learner.PostAsync("""
            mutation($o: ID!) { startSubscription(input: {offerId: $o, currency: "USD", successUrl: "https://learn.example/s", cancelUrl: "https://learn.example/c"}) {
              subscription { checkoutUrl } errors { code } } }
            """, new { o = offer!["id"]!.GetValue<string>() }))["startSubscription"]!["subscription"]!["checkoutUrl"]!.GetValue<string>();
        using var paid = await app.Stripe.PayAsync(url, "4242 4242 4242 4242");
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
    }

    private async Task<(HttpStatusCode Status, string Body)> CsvAsync(string? token, string query)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/billing/partners/{Northfield}/revenue.csv{query}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
