using System.Net;
using System.Text.Json.Nodes;
using Coursera.Events;
using Coursera.Testing;
using Stripe;
using Stripe.Checkout;
using static Coursera.Billing.Tests.CheckoutTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Billing.Tests;

/// <summary>
/// A specialization's monthly subscription through Stripe Checkout in subscription mode (the emulator; its
/// <c>/_emulator/subscriptions/{id}/advance</c> ends a period as a Stripe test clock would): the trial entitles every
/// course of the specialization, renewals extend it, a failed renewal keeps access while Stripe retries, the end
/// revokes it; a cancellation keeps access to the end of the period; a trial is given once per learner.
/// </summary>
public sealed class SubscriptionTests(BillingApp app) : IClassFixture<BillingApp>
{
    private const string CreateSubscriptionOffer = """
        mutation($s: ID, $c: ID, $p: ID, $t: Int) { createOffer(input: {specializationId: $s, courseId: $c, partnerId: $p, title: "Track", trialDays: $t,
          prices: [{amount: 4900, currency: "USD"}]}) { offer { id kind trialDays specializationId prices { amount } } errors { code path } } }
        """;

    private const string StartSubscription = """
        mutation($o: ID!) { startSubscription(input: {offerId: $o, currency: "USD", successUrl: "https://learn.example/subscribed", cancelUrl: "https://learn.example/c"}) {
          subscription { id state trialDays checkoutUrl } errors { code path } } }
        """;

    private const string Mine = "{ viewerSubscriptions { id state trialDays trialEndsAt currentPeriodEndsAt cancelAtPeriodEnd endedAt courseIds } }";

    private const string Cancel = """
        mutation($s: ID!, $r: Boolean) { cancelSubscription(input: {subscriptionId: $s, resume: $r}) { subscription { state cancelAtPeriodEnd } errors { code } } }
        """;

    [Fact]
    public async Task A_trial_entitles_every_course_a_failed_renewal_keeps_access_while_retried_and_unpaid_ends_it()
    {
        var (courses, offerId) = await SpecializationOfferAsync();
        var (learnerId, learner) = await app.NewLearnerAsync();
        var started = Accepted(await learner.PostAsync(StartSubscription, new { o = offerId }))["startSubscription"]!["subscription"]!;
        Assert.Equal(("PENDING", 7), (started["state"]!.GetValue<string>(), started["trialDays"]!.GetValue<int>()));

        // Stripe's card that is accepted and then fails every charge: fine for a trial, which charges nothing yet.
        var url = started["checkoutUrl"]!.GetValue<string>();
        using (var paid = await app.Stripe.PayAsync(url, "4000000000000341"))
        {
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        }

        var mine = await StateAsync(learner, "TRIALING");
        Assert.Equal(courses.Order(), mine["courseIds"]!.AsArray().Select(c => Guid.Parse(c!.GetValue<string>())).Order());
        var trialEnds = mine["trialEndsAt"]!.GetValue<DateTime>();
        Assert.InRange(trialEnds, DateTime.UtcNow.AddDays(6.9), DateTime.UtcNow.AddDays(7.1));
        await Eventually(async () => (await GrantsAsync(learnerId)).Count == 2);
        var grants = await GrantsAsync(learnerId);
        Assert.All(grants, g => Assert.Equal("SUBSCRIPTION", g["source"]!.GetValue<string>()));
        Assert.All(grants, g => Assert.Equal(mine["id"]!.GetValue<string>(), g["subscriptionId"]!.GetValue<string>()));
        Assert.Equal(courses.Order(), grants.Select(g => Guid.Parse(g["courseId"]!.GetValue<string>())).Order());

        // Day 8: the first charge fails; Stripe retries and the courses stay open meanwhile.
        var stripeId = await StripeSubscriptionIdAsync(url);
        await app.Stripe.ControlAsync($"/_emulator/subscriptions/{stripeId}/advance");
        await StateAsync(learner, "PAST_DUE");

        // A working card (the customer portal's job), and the retry pays: active for a month, granted again until then.
        await app.Stripe.ControlAsync($"/_emulator/subscriptions/{stripeId}/payment-method?card=4242424242424242");
        await app.Stripe.ControlAsync($"/_emulator/subscriptions/{stripeId}/advance");
        var active = await StateAsync(learner, "ACTIVE");
        Assert.True(active["currentPeriodEndsAt"]!.GetValue<DateTime>() > trialEnds.AddDays(20));
        await Eventually(async () => (await GrantsAsync(learnerId)).Count == 4);
        Assert.Equal(2, (await GrantsAsync(learnerId)).Count(g => g["expiresAt"]!.GetValue<DateTime>() > trialEnds.AddDays(20)));
        Assert.Empty(await RevocationsAsync(learnerId));

        // The card fails again at the next renewal, and again on the retry: Stripe cancels, the courses close.
        await app.Stripe.ControlAsync($"/_emulator/subscriptions/{stripeId}/payment-method?card=4000000000000341");
        await app.Stripe.ControlAsync($"/_emulator/subscriptions/{stripeId}/advance");
        await StateAsync(learner, "PAST_DUE");
        Assert.Empty(await RevocationsAsync(learnerId));
        await app.Stripe.ControlAsync($"/_emulator/subscriptions/{stripeId}/advance");
        var ended = await StateAsync(learner, "CANCELED");
        Assert.NotNull(ended["endedAt"]!.GetValue<DateTime?>());
        Assert.Empty(ended["courseIds"]!.AsArray());
        await Eventually(async () => (await RevocationsAsync(learnerId)).Count == 2);
        Assert.Equal(courses.Order(), (await RevocationsAsync(learnerId)).Select(r => Guid.Parse(r["courseId"]!.GetValue<string>())).Order());
    }

    [Fact]
    public async Task A_cancellation_keeps_the_courses_to_the_end_of_the_period_and_a_second_subscription_has_no_trial()
    {
        var (courses, offerId) = await SpecializationOfferAsync();
        var (learnerId, learner) = await app.NewLearnerAsync();

        // A pending financial aid application for one of its courses: starting the trial withdraws it, as Coursera does.
        var admin = await app.PlatformAdminAsync();
        Accepted(await admin.PostAsync(CreateOffer, new { c = courses[0], p = Partner, prices = new[] { new { amount = 4900, currency = "USD" } } }));
        Accepted(await learner.PostAsync(FinancialAidTests.Apply, new { c = courses[0], r = FinancialAidTests.Words150, g = FinancialAidTests.Words150 }));

        var url = Accepted(await learner.PostAsync(StartSubscription, new { o = offerId }))["startSubscription"]!["subscription"]!["checkoutUrl"]!.GetValue<string>();
        (await app.Stripe.PayAsync(url, "4242424242424242")).Dispose();
        var subscriptionId = (await StateAsync(learner, "TRIALING"))["id"]!.GetValue<string>();
        Assert.Equal("WITHDRAWN", (await learner.PostAsync("{ viewerFinancialAidApplications { state } }")).Ok()["viewerFinancialAidApplications"]![0]!["state"]!.GetValue<string>());
        Assert.Equal("ALREADY_SUBSCRIBED", Refusal(await learner.PostAsync(StartSubscription, new { o = offerId }), "startSubscription"));
        Assert.Equal("SUBSCRIPTION_OFFER", Refusal(await learner.PostAsync(StartCheckout, new { o = offerId, c = "USD", s = "https://learn.example/p" }), "startCheckout"));

        // Nobody else cancels it.
        var (_, stranger) = await app.NewLearnerAsync();
        Assert.Equal("SUBSCRIPTION_NOT_FOUND", Refusal(await stranger.PostAsync(Cancel, new { s = subscriptionId }), "cancelSubscription"));
        Assert.Empty((await stranger.PostAsync(Mine)).Ok()["viewerSubscriptions"]!.AsArray());

        // Cancelled, resumed, cancelled: still trialing and entitled until the trial's end; then over, without a charge.
        var cancelled = Accepted(await learner.PostAsync(Cancel, new { s = subscriptionId }))["cancelSubscription"]!["subscription"]!;
        Assert.Equal(("TRIALING", true), (cancelled["state"]!.GetValue<string>(), cancelled["cancelAtPeriodEnd"]!.GetValue<bool>()));
        Assert.Equal("NOT_CANCELLABLE", Refusal(await learner.PostAsync(Cancel, new { s = subscriptionId }), "cancelSubscription"));
        Assert.False(Accepted(await learner.PostAsync(Cancel, new { s = subscriptionId, r = true }))["cancelSubscription"]!["subscription"]!["cancelAtPeriodEnd"]!.GetValue<bool>());
        Assert.Equal("NOT_CANCELLED", Refusal(await learner.PostAsync(Cancel, new { s = subscriptionId, r = true }), "cancelSubscription"));
        Accepted(await learner.PostAsync(Cancel, new { s = subscriptionId }));
        Assert.Empty(await RevocationsAsync(learnerId));

        await app.Stripe.ControlAsync($"/_emulator/subscriptions/{await StripeSubscriptionIdAsync(url)}/advance");
        await StateAsync(learner, "CANCELED");
        await Eventually(async () => (await RevocationsAsync(learnerId)).Count == courses.Count);

        // A second subscription to the same specialization starts without a trial.
        var again = Accepted(await learner.PostAsync(StartSubscription, new { o = offerId }))["startSubscription"]!["subscription"]!;
        Assert.Equal(0, again["trialDays"]!.GetValue<int>());
        Assert.Equal("NOT_CANCELLABLE", Refusal(await learner.PostAsync(Cancel, new { s = again["id"]!.GetValue<string>() }), "cancelSubscription"));
    }

    [Fact]
    public async Task Its_events_twice_and_in_reverse_order_grant_once()
    {
        var (courses, offerId) = await SpecializationOfferAsync();
        var (learnerId, learner) = await app.NewLearnerAsync();
        var url = Accepted(await learner.PostAsync(StartSubscription, new { o = offerId }))["startSubscription"]!["subscription"]!["checkoutUrl"]!.GetValue<string>();
        await app.Stripe.ControlAsync("/_emulator/deliveries/hold");
        try
        {
            (await app.Stripe.PayAsync(url, "4242424242424242")).Dispose();
            Assert.Equal("PENDING", (await learner.PostAsync(Mine)).Ok()["viewerSubscriptions"]![0]!["state"]!.GetValue<string>());
        }
        finally
        {
            await app.Stripe.ControlAsync("/_emulator/deliveries/release?reverse=true&twice=true");
        }

        await StateAsync(learner, "TRIALING");
        await Eventually(async () => (await GrantsAsync(learnerId)).Count == courses.Count);
        await Task.Delay(1000); // the duplicates are delivered after the originals
        Assert.Equal(courses.Count, (await GrantsAsync(learnerId)).Count);
    }

    [Fact]
    public async Task Subscription_offers_are_for_known_specializations_and_listed_on_the_specialization_and_its_courses()
    {
        var admin = await app.PlatformAdminAsync();
        var (courses, offerId) = await SpecializationOfferAsync();
        Assert.Equal("SPECIALIZATION_NOT_FOUND", Refusal(await admin.PostAsync(CreateSubscriptionOffer, new { s = Guid.NewGuid() }), "createOffer"));
        Assert.Equal("INVALID_OFFER", Refusal(await admin.PostAsync(CreateSubscriptionOffer, new { s = Guid.NewGuid(), c = Guid.NewGuid(), p = Partner }), "createOffer"));
        Assert.Equal("INVALID_OFFER", Refusal(await admin.PostAsync(CreateSubscriptionOffer, new { c = Guid.NewGuid(), p = Partner, t = 7 }), "createOffer"));

        const string Offers = """
            query($r: [_Any!]!) { _entities(representations: $r) { ... on Specialization { offers { id kind trialDays } } ... on Course { offers { id kind } } } }
            """;
        var entities = (await app.Client().PostAsync(Offers, new
        {
            r = new object[] { new { __typename = "Specialization", id = SpecializationOf(courses) }, new { __typename = "Course", id = courses[1] } },
        })).Ok()["_entities"]!.AsArray();
        Assert.Equal((offerId, "SPECIALIZATION_SUBSCRIPTION", 7),
            (entities[0]!["offers"]![0]!["id"]!.GetValue<string>(), entities[0]!["offers"]![0]!["kind"]!.GetValue<string>(), entities[0]!["offers"]![0]!["trialDays"]!.GetValue<int>()));
        Assert.Equal(offerId, Assert.Single(entities[1]!["offers"]!.AsArray())!["id"]!.GetValue<string>());
    }

    private static readonly Guid Partner = Guid.Parse("01940000-0000-7000-8000-00000000aaaa");

    private readonly Dictionary<Guid, Guid> _specializations = [];

    private Guid SpecializationOf(List<Guid> courses) => _specializations[courses[0]];

    /// <summary>A new specialization of two courses (as the catalog announces it) on sale as a 49 USD monthly subscription with the default trial.</summary>
    private async Task<(List<Guid> Courses, string OfferId)> SpecializationOfferAsync()
    {
        var specializationId = Guid.NewGuid();
        List<Guid> courses = [Guid.NewGuid(), Guid.NewGuid()];
        _specializations[courses[0]] = specializationId;
        await app.PublishAsync(EventEnvelope.Create("specialization.created", "catalog", specializationId.ToString(),
            new { specializationId, partnerId = Partner, slug = $"track-{specializationId:N}", title = "Track", courseIds = courses }, DateTime.UtcNow, partnerId: Partner));
        var admin = await app.PlatformAdminAsync();
        JsonNode? offer = null;
        await Eventually(async () => (offer = (await admin.PostAsync(CreateSubscriptionOffer, new { s = specializationId })).Ok()["createOffer"]!["offer"]) is JsonObject);
        Assert.Equal(("SPECIALIZATION_SUBSCRIPTION", 7), (offer!["kind"]!.GetValue<string>(), offer["trialDays"]!.GetValue<int>()));
        return (courses, offer["id"]!.GetValue<string>());
    }

    private static async Task<JsonNode> StateAsync(GraphQLHttpClient learner, string state)
    {
        JsonNode? mine = null;
        await Eventually(async () => (mine = (await learner.PostAsync(Mine)).Ok()["viewerSubscriptions"]![0])!["state"]!.GetValue<string>() == state);
        return mine!;
    }

    private async Task<string> StripeSubscriptionIdAsync(string checkoutUrl)
    {
        var stripe = new StripeClient("sk_test_emulator", apiBase: app.Stripe.Address.TrimEnd('/'));
        return (await new SessionService(stripe).GetAsync(checkoutUrl.Split('/')[^1])).SubscriptionId;
    }

    private async Task<List<JsonNode>> GrantsAsync(Guid learnerId) => await TheirsAsync("entitlement.granted", learnerId);

    private async Task<List<JsonNode>> RevocationsAsync(Guid learnerId) => await TheirsAsync("entitlement.revoked", learnerId);

    private async Task<List<JsonNode>> TheirsAsync(string type, Guid learnerId) =>
        [.. (await app.PublishedAsync()).Where(e => e.Type == type && Guid.Parse(e.Data["learnerId"]!.GetValue<string>()) == learnerId).Select(e => e.Data)];
}
