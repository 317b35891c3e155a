using Coursera.Testing;
using static Coursera.Billing.Tests.CheckoutTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Billing.Tests;

/// <summary>
/// Who may call each billing operation, one row per caller and operation: anonymous callers sign in first, API clients
/// buy nothing and set no offers, and a learner's own reads show nothing to anyone else.
/// </summary>
public sealed class BillingAccessTests(BillingApp app) : IClassFixture<BillingApp>
{
    private const string Apply = "mutation($c: ID!) { applyForFinancialAid(input: {courseId: $c, reasons: \"x\", goals: \"y\"}) { errors { code } } }";
    private const string ReviewAid = "mutation($a: ID!) { reviewFinancialAid(input: {applicationId: $a, approve: true, note: \"ok\"}) { errors { code } } }";
    private const string Reads = "{ viewerOrders { id } viewerFinancialAidApplications { id } financialAidQueue { id } viewerSubscriptions { id } }";
    private const string Subscribe = "mutation($o: ID!) { startSubscription(input: {offerId: $o, currency: \"USD\", successUrl: \"https://l.example/\", cancelUrl: \"https://l.example/\"}) { errors { code } } }";
    private const string CancelSubscription = "mutation($s: ID!) { cancelSubscription(input: {subscriptionId: $s}) { errors { code } } }";
    private const string CreateLicence = "mutation($o: ID!) { createLicence(input: {organizationId: $o, seats: 5, programIds: []}) { errors { code } } }";
    private const string UpdateLicence = "mutation($l: ID!) { updateLicence(input: {licenceId: $l, seats: 5}) { errors { code } } }";
    private const string Licences = "query($o: ID!) { organizationLicences(organizationId: $o) { id } }";
    private const string SetShare = "mutation($p: ID!) { setPartnerShare(input: {partnerId: $p, percent: 90}) { errors { code } } }";
    private const string Revenue = "query($p: ID!) { partnerRevenue(partnerId: $p) { month } }";

    [Fact]
    public async Task Each_operation_answers_only_those_it_is_for()
    {
        var anonymous = app.Client();
        var partnerClient = await app.PartnerClientAsync("northfield");
        var (_, learner) = await app.NewLearnerAsync();
        var some = Guid.NewGuid();
        var prices = new[] { new { amount = 4900, currency = "USD" } };
        var checkout = new { o = some, c = "USD", s = "https://learn.example/paid" };

        // Offers: platform administrators only.
        Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(CreateOffer, new { c = some, p = some, prices })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await partnerClient.PostAsync(CreateOffer, new { c = some, p = some, prices })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await learner.PostAsync(CreateOffer, new { c = some, p = some, prices })).ErrorCode());

        // Purchases, refunds and aid applications: a signed-in learner's own; an API client has none.
        foreach (var (operation, variables) in new (string, object)[]
        {
            (StartCheckout, checkout), (Refund, new { o = some }), (Apply, new { c = some }), (Subscribe, new { o = some }), (CancelSubscription, new { s = some }),
        })
        {
            Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(operation, variables)).ErrorCode());
            Assert.Equal("FORBIDDEN", (await partnerClient.PostAsync(operation, variables)).ErrorCode());
        }

        // Licences: sold by platform administrators, read by the organization's staff only.
        // Partners' shares: set by platform administrators; a partner's revenue: read by its staff only (not another partner's client).
        foreach (var (operation, variables) in new (string, object)[]
        {
            (CreateLicence, new { o = some }), (UpdateLicence, new { l = some }), (Licences, new { o = some }), (SetShare, new { p = some }), (Revenue, new { p = some }),
        })
        {
            Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(operation, variables)).ErrorCode());
            Assert.Equal("FORBIDDEN", (await partnerClient.PostAsync(operation, variables)).ErrorCode());
            Assert.Equal("FORBIDDEN", (await learner.PostAsync(operation, variables)).ErrorCode());
        }

        // Reviewing aid: signed in, and then only what one may review.
        Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(ReviewAid, new { a = some })).ErrorCode());
        Assert.Equal("APPLICATION_NOT_FOUND", Refusal(await partnerClient.PostAsync(ReviewAid, new { a = some }), "reviewFinancialAid"));

        // The viewer's reads are empty for those who have none, never someone else's.
        foreach (var caller in new[] { anonymous, partnerClient, learner })
        {
            var reads = (await caller.PostAsync(Reads)).Ok();
            Assert.Empty(reads["viewerOrders"]!.AsArray());
            Assert.Empty(reads["viewerFinancialAidApplications"]!.AsArray());
            Assert.Empty(reads["financialAidQueue"]!.AsArray());
            Assert.Empty(reads["viewerSubscriptions"]!.AsArray());
        }
    }
}
