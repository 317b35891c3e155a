using System.Net;
using System.Text.Json.Nodes;
using Coursera.Billing.Orders;
using Coursera.Testing;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Stripe.Checkout;
using static Coursera.Billing.Tests.CheckoutTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Billing.Tests;

/// <summary>
/// Coursera Plus: a subscription to the whole catalog, monthly or yearly, with a trial once per learner across both
/// plans; one entitlement with no course (every course) while it lasts, listed among every course's offers. And the
/// passes sold where recurring payments are restricted: every course for 1, 3 or 6 months, paid once, ending by itself.
/// </summary>
public sealed class CourseraPlusTests(BillingApp app) : IClassFixture<BillingApp>
{
    private const string CreatePlus = """
        mutation($i: BillingInterval, $p: ID, $s: ID) { createOffer(input: {catalog: true, interval: $i, partnerId: $p, specializationId: $s, title: "Coursera Plus",
          prices: [{amount: 39900, currency: "USD"}]}) { offer { id kind interval trialDays } errors { code path } } }
        """;

    private const string Subscribe = """
        mutation($o: ID!) { startSubscription(input: {offerId: $o, currency: "USD", successUrl: "https://learn.example/plus", cancelUrl: "https://learn.example/c"}) {
          subscription { id state trialDays checkoutUrl } errors { code } } }
        """;

    private const string CreatePass = """
        mutation($m: Int!) { createOffer(input: {catalog: true, passMonths: $m, title: "Coursera Plus: 3 months", prices: [{amount: 299900, currency: "INR"}]}) {
          offer { id kind passMonths interval } errors { code path } } }
        """;

    private const string Mine = "{ viewerSubscriptions { id state wholeCatalog specializationId courseIds currentPeriodEndsAt } }";

    [Fact]
    public async Task A_yearly_plan_entitles_every_course_until_it_ends_and_the_trial_is_given_once_across_both_plans()
    {
        var admin = await app.PlatformAdminAsync();
        var yearly = Accepted(await admin.PostAsync(CreatePlus, new { i = "YEAR" }))["createOffer"]!["offer"]!;
        Assert.Equal(("CATALOG_SUBSCRIPTION", "YEAR", 7), (yearly["kind"]!.GetValue<string>(), yearly["interval"]!.GetValue<string>(), yearly["trialDays"]!.GetValue<int>()));
        var monthly = Accepted(await admin.PostAsync(CreatePlus, new { i = "MONTH" }))["createOffer"]!["offer"]!["id"]!.GetValue<string>();

        // Every course lists the plans, including one billing has never heard of.
        var offers = (await app.Client().PostAsync("query($r: [_Any!]!) { _entities(representations: $r) { ... on Course { offers { id kind interval } } } }",
            new { r = new[] { new { __typename = "Course", id = Guid.NewGuid() } } })).Ok()["_entities"]![0]!["offers"]!.AsArray();
        Assert.Contains(offers, o => o!["id"]!.GetValue<string>() == yearly["id"]!.GetValue<string>());

        // The yearly plan: a Stripe Price billed each year, a trial, one entitlement for every course.
        var (learnerId, learner) = await app.NewLearnerAsync();
        var started = Accepted(await learner.PostAsync(Subscribe, new { o = yearly["id"]!.GetValue<string>() }))["startSubscription"]!["subscription"]!;
        Assert.Equal(7, started["trialDays"]!.GetValue<int>());
        var url = started["checkoutUrl"]!.GetValue<string>();
        using (var paid = await app.Stripe.PayAsync(url, "4242424242424242"))
        {
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        }

        JsonNode? mine = null;
        await Eventually(async () => (mine = (await learner.PostAsync(Mine)).Ok()["viewerSubscriptions"]![0])!["state"]!.GetValue<string>() == "TRIALING");
        Assert.Equal((true, null), (mine!["wholeCatalog"]!.GetValue<bool>(), mine["specializationId"]?.GetValue<string>()));
        Assert.Empty(mine["courseIds"]!.AsArray());
        await Eventually(async () => (await TheirsAsync("entitlement.granted", learnerId)).Count == 1);
        var granted = (await TheirsAsync("entitlement.granted", learnerId)).Single();
        Assert.Null(granted["courseId"]);
        Assert.Equal("SUBSCRIPTION", granted["source"]!.GetValue<string>());
        var stripe = new StripeClient("sk_test_emulator", apiBase: app.Stripe.Address.TrimEnd('/'));
        var stripeSubscription = await new Stripe.SubscriptionService(stripe).GetAsync((await new SessionService(stripe).GetAsync(url.Split('/')[^1])).SubscriptionId);
        Assert.Equal("year", stripeSubscription.Items.Data.Single().Price.Recurring.Interval);

        // The monthly plan is the same family: refused while subscribed, and without a trial later.
        Assert.Equal("ALREADY_SUBSCRIBED", Refusal(await learner.PostAsync(Subscribe, new { o = monthly }), "startSubscription"));
        await new Stripe.SubscriptionService(stripe).CancelAsync(stripeSubscription.Id);
        await Eventually(async () => (await learner.PostAsync(Mine)).Ok()["viewerSubscriptions"]![0]!["state"]!.GetValue<string>() == "CANCELED");
        await Eventually(async () => (await TheirsAsync("entitlement.revoked", learnerId)).Count == 1);
        Assert.Null((await TheirsAsync("entitlement.revoked", learnerId)).Single()["courseId"]);
        Assert.Equal(0, Accepted(await learner.PostAsync(Subscribe, new { o = monthly }))["startSubscription"]!["subscription"]!["trialDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task Plus_offers_are_the_platforms_and_only_plus_is_sold_yearly()
    {
        var admin = await app.PlatformAdminAsync();
        Assert.Equal("INVALID_OFFER", Refusal(await admin.PostAsync(CreatePlus, new { p = Guid.NewGuid() }), "createOffer"));
        Assert.Equal("INVALID_OFFER", Refusal(await admin.PostAsync(CreatePlus, new { s = Guid.NewGuid() }), "createOffer"));
        Assert.Equal("INVALID_OFFER", Refusal(await admin.PostAsync("""
            mutation($c: ID!, $p: ID!) { createOffer(input: {courseId: $c, partnerId: $p, interval: YEAR, title: "x", prices: [{amount: 100, currency: "USD"}]}) {
              errors { code } } }
            """, new { c = Guid.NewGuid(), p = Guid.NewGuid() }), "createOffer"));
        Assert.Equal("FORBIDDEN", (await (await app.NewLearnerAsync()).Client.PostAsync(CreatePlus, new { i = "YEAR" })).ErrorCode());
    }

    [Fact]
    public async Task A_three_month_pass_is_paid_once_opens_every_course_and_ends_by_itself()
    {
        var admin = await app.PlatformAdminAsync();
        Assert.Equal("INVALID_OFFER", Refusal(await admin.PostAsync(CreatePass, new { m = 2 }), "createOffer"));
        var pass = Accepted(await admin.PostAsync(CreatePass, new { m = 3 }))["createOffer"]!["offer"]!;
        Assert.Equal(("CATALOG_PASS", 3, null), (pass["kind"]!.GetValue<string>(), pass["passMonths"]!.GetValue<int>(), pass["interval"]?.GetValue<string>()));
        var passId = pass["id"]!.GetValue<string>();

        // Bought like a certificate, in one payment; not a subscription.
        var (learnerId, learner) = await app.NewLearnerAsync();
        Assert.Equal("OFFER_NOT_FOUND", Refusal(await learner.PostAsync(Subscribe, new { o = passId }), "startSubscription"));
        var url = Accepted(await learner.PostAsync(StartCheckout, new { o = passId, c = "INR", s = "https://learn.example/pass" }))
            ["startCheckout"]!["order"]!["checkoutUrl"]!.GetValue<string>();
        using (var paid = await app.Stripe.PayAsync(url, "4242424242424242"))
        {
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        }

        JsonNode? order = null;
        await Eventually(async () => (order = (await learner.PostAsync("{ viewerOrders { id state courseId accessEndsAt } }")).Ok()["viewerOrders"]![0])!["state"]!
            .GetValue<string>() == "PAID");
        Assert.Null(order!["courseId"]);
        var endsAt = order["accessEndsAt"]!.GetValue<DateTime>();
        Assert.Equal(DateTime.UtcNow.AddMonths(3), endsAt, TimeSpan.FromMinutes(5));
        await Eventually(async () => (await TheirsAsync("entitlement.granted", learnerId)).Count == 1);
        var granted = (await TheirsAsync("entitlement.granted", learnerId)).Single();
        Assert.Null(granted["courseId"]);
        Assert.Equal(endsAt, granted["expiresAt"]!.GetValue<DateTime>(), TimeSpan.FromSeconds(1));
        Assert.Equal("ALREADY_PURCHASED", Refusal(await learner.PostAsync(StartCheckout, new { o = passId, c = "INR", s = "https://learn.example/pass" }), "startCheckout"));

        // The service's minute round, run at a time past the three months: the order is EXPIRED, the access revoked, once.
        var expiry = app.Services.GetRequiredService<AccessExpiry>();
        Assert.Equal(0, await expiry.ExpireAsync(endsAt.AddMinutes(-1), CancellationToken.None));
        Assert.True(await expiry.ExpireAsync(endsAt.AddMinutes(1), CancellationToken.None) >= 1);
        Assert.Equal("EXPIRED", (await learner.PostAsync("{ viewerOrders { state } }")).Ok()["viewerOrders"]![0]!["state"]!.GetValue<string>());
        await Eventually(async () => (await TheirsAsync("entitlement.revoked", learnerId)).Count == 1);
        Assert.Null((await TheirsAsync("entitlement.revoked", learnerId)).Single()["courseId"]);
        Assert.Equal(0, await expiry.ExpireAsync(endsAt.AddMinutes(2), CancellationToken.None));

        // Over, it may be bought again.
        Assert.Empty(Accepted(await learner.PostAsync(StartCheckout, new { o = passId, c = "INR", s = "https://learn.example/pass" }))["startCheckout"]!["errors"]!.AsArray());
    }

    private async Task<List<JsonNode>> TheirsAsync(string type, Guid learnerId) =>
        [.. (await app.PublishedAsync()).Where(e => e.Type == type && Guid.Parse(e.Data["learnerId"]!.GetValue<string>()) == learnerId).Select(e => e.Data)];
}
