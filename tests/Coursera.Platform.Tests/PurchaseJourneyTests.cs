using System.Net;
using System.Text.Json.Nodes;
using Coursera.Testing;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Platform.Tests;

/// <summary>
/// The billing issue's purchase, through the gateway of the all-in-one host with the Stripe emulator, as on
/// <c>./run.sh</c>: a learner auditing a course buys its certificate on the checkout page (test card 4242…), the
/// enrollment turns PAID as soon as Stripe's event arrives, and a refund inside 14 days turns it back to AUDIT with the
/// progress kept; the partner gets a webhook for each.
/// </summary>
public sealed class PurchaseJourneyTests(PaymentsPlatformApp platform) : IClassFixture<PaymentsPlatformApp>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_learner_buys_a_certificate_and_the_enrollment_turns_PAID_then_a_refund_turns_it_back_to_AUDIT_keeping_progress()
    {
        var northfield = platform.PartnerClient("northfield");
        var partner = platform.Gateway((await platform.Oidc().ClientCredentialsAsync(northfield.ClientId, northfield.ClientSecret)).Access());
        Accepted(await partner.PostAsync("mutation($url: String!) { createWebhookEndpoint(input: {url: $url, eventTypes: [\"entitlement.granted\", \"entitlement.revoked\"]}) { secret errors { code } } }",
            new { url = _receiver.Url }));

        var (learner, _) = await platform.NewLearnerAsync();
        var course = (await learner.PostAsync("""
            { courses(first: 10, filter: {partnerSlug: "northfield"}) { nodes { id slug prerequisites { id } sessions { id enrollmentClosesAt } modules { items { id kind } }
              offers { id kind prices { amount currency } } } } }
            """)).Ok()["courses"]!["nodes"]!.AsArray()
            .First(c => c!["slug"]!.GetValue<string>() != "machine-learning-foundations-northfield" && c["prerequisites"]!.AsArray().Count == 0)!;
        var courseId = course["id"]!.GetValue<string>();
        var session = course["sessions"]!.AsArray().First(s => s!["enrollmentClosesAt"]!.GetValue<DateTime>() > DateTime.UtcNow)!["id"]!.GetValue<string>();
        var lecture = course["modules"]![0]!["items"]!.AsArray().First(i => i!["kind"]!.GetValue<string>() == "LECTURE")!["id"]!.GetValue<string>();
        var offer = course["offers"]!.AsArray().Single(o => o!["kind"]!.GetValue<string>() == "COURSE_CERTIFICATE")!;
        Assert.Contains(offer["prices"]!.AsArray(), p => p!["currency"]!.GetValue<string>() == "USD" && p["amount"]!.GetValue<long>() == 4900);

        // Auditing first, with some progress.
        await Eventually(async () => (await learner.PostAsync(EnrollMutation, new { c = courseId, s = session, t = "AUDIT" })).Ok()["enroll"]!["errors"]!.AsArray().Count == 0);
        Accepted(await learner.PostAsync("mutation($i: ID!) { recordProgress(input: {itemId: $i, event: COMPLETED}) { errors { code } } }", new { i = lecture }));

        // The checkout page, paid with the test card: the enrollment turns PAID on Stripe's event.
        var order = Accepted(await learner.PostAsync("""
            mutation($o: ID!) { startCheckout(input: {offerId: $o, currency: "USD", successUrl: "https://learn.example/thanks", cancelUrl: "https://learn.example/course"}) {
              order { id checkoutUrl } errors { code } } }
            """, new { o = offer["id"]!.GetValue<string>() }))["startCheckout"]!["order"]!;
        using (var paid = await platform.Stripe.PayAsync(order["checkoutUrl"]!.GetValue<string>(), "4242424242424242"))
        {
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        }

        const string Enrollment = "query($c: ID!) { course(id: $c) { viewerEnrollment { track state } } }";
        await Eventually(async () => (await learner.PostAsync(Enrollment, new { c = courseId })).Ok()["course"]!["viewerEnrollment"]!["track"]!.GetValue<string>() == "PAID");

        // The refund: back to AUDIT, the completed lecture still completed.
        Assert.Equal("REFUNDED", Accepted(await learner.PostAsync("mutation($o: ID!) { requestRefund(input: {orderId: $o}) { order { state } errors { code } } }",
            new { o = order["id"]!.GetValue<string>() }))["requestRefund"]!["order"]!["state"]!.GetValue<string>());
        await Eventually(async () => (await learner.PostAsync(Enrollment, new { c = courseId })).Ok()["course"]!["viewerEnrollment"]!["track"]!.GetValue<string>() == "AUDIT");
        var progress = (await learner.PostAsync("query($c: ID!) { course(id: $c) { modules { items { id viewerProgress { state } } } } }", new { c = courseId }))
            .Ok()["course"]!["modules"]!.AsArray().SelectMany(m => m!["items"]!.AsArray()).Single(i => i!["id"]!.GetValue<string>() == lecture)!;
        Assert.Equal("COMPLETED", progress["viewerProgress"]!["state"]!.GetValue<string>());

        await Eventually(() => Task.FromResult(_receiver.Received.Count >= 2));
        Assert.Equal(["entitlement.granted", "entitlement.revoked"],
            _receiver.Received.Select(w => JsonNode.Parse(w.Body)!["type"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_trial_of_a_specialization_opens_its_courses_on_the_PAID_track_until_the_cancelled_trial_ends()
    {
        var (learner, _) = await platform.NewLearnerAsync();
        var specialization = (await learner.PostAsync("""
            { specializations(first: 10) { nodes { id slug courses { id prerequisites { id } sessions { id enrollmentClosesAt } } offers { id kind trialDays } } } }
            """)).Ok()["specializations"]!["nodes"]!.AsArray().First(s => s!["slug"]!.GetValue<string>().EndsWith("lakeside-tech", StringComparison.Ordinal))!;
        var offer = specialization["offers"]!.AsArray().Single()!;
        Assert.Equal(("SPECIALIZATION_SUBSCRIPTION", 7), (offer["kind"]!.GetValue<string>(), offer["trialDays"]!.GetValue<int>()));
        var course = specialization["courses"]!.AsArray().First(c => c!["prerequisites"]!.AsArray().Count == 0)!;
        var courseId = course["id"]!.GetValue<string>();
        var session = course["sessions"]!.AsArray().First(s => s!["enrollmentClosesAt"]!.GetValue<DateTime>() > DateTime.UtcNow)!["id"]!.GetValue<string>();

        // Without the subscription the PAID track is refused.
        Assert.NotEmpty((await learner.PostAsync(EnrollMutation, new { c = courseId, s = session, t = "PAID" })).Ok()["enroll"]!["errors"]!.AsArray());

        var subscription = Accepted(await learner.PostAsync("""
            mutation($o: ID!) { startSubscription(input: {offerId: $o, currency: "USD", successUrl: "https://learn.example/thanks", cancelUrl: "https://learn.example/s"}) {
              subscription { id checkoutUrl } errors { code } } }
            """, new { o = offer["id"]!.GetValue<string>() }))["startSubscription"]!["subscription"]!;
        var checkoutUrl = subscription["checkoutUrl"]!.GetValue<string>();
        using (var started = await platform.Stripe.PayAsync(checkoutUrl, "4242424242424242"))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        }

        // The trial entitles: the learner enrolls on the PAID track.
        await Eventually(async () => (await learner.PostAsync(EnrollMutation, new { c = courseId, s = session, t = "PAID" })).Ok()["enroll"]!["errors"]!.AsArray().Count == 0);
        const string Enrollment = "query($c: ID!) { course(id: $c) { viewerEnrollment { track state } } }";
        Assert.Equal("PAID", (await learner.PostAsync(Enrollment, new { c = courseId })).Ok()["course"]!["viewerEnrollment"]!["track"]!.GetValue<string>());

        // Cancelled during the trial: still PAID until the trial ends (Stripe's test clock, here the emulator's), then AUDIT.
        Accepted(await learner.PostAsync("mutation($s: ID!) { cancelSubscription(input: {subscriptionId: $s}) { subscription { state } errors { code } } }",
            new { s = subscription["id"]!.GetValue<string>() }));
        Assert.Equal("PAID", (await learner.PostAsync(Enrollment, new { c = courseId })).Ok()["course"]!["viewerEnrollment"]!["track"]!.GetValue<string>());
        var stripe = new Stripe.StripeClient("sk_test_emulator", apiBase: platform.Stripe.Address.TrimEnd('/'));
        var stripeId = (await new Stripe.Checkout.SessionService(stripe).GetAsync(checkoutUrl.Split('/')[^1])).SubscriptionId;
        await platform.Stripe.ControlAsync($"/_emulator/subscriptions/{stripeId}/advance");
        await Eventually(async () => (await learner.PostAsync(Enrollment, new { c = courseId })).Ok()["course"]!["viewerEnrollment"]!["track"]!.GetValue<string>() == "AUDIT");
    }
}
