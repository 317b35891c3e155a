using System.Net;
using System.Text.Json.Nodes;
using Coursera.Testing;
using Stripe;
using Stripe.Checkout;
using static Coursera.Billing.Tests.CheckoutTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Billing.Tests;

/// <summary>
/// Coursera Plus: a subscription to the whole catalog, monthly or yearly, with a trial once per learner across both
/// plans; one entitlement with no course (every course) while it lasts, listed among every course's offers.
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

    private async Task<List<JsonNode>> TheirsAsync(string type, Guid learnerId) =>
        [.. (await app.PublishedAsync()).Where(e => e.Type == type && Guid.Parse(e.Data["learnerId"]!.GetValue<string>()) == learnerId).Select(e => e.Data)];
}
