using System.Net;
using System.Text.Json.Nodes;
using Coursera.Events;
using Coursera.Testing;
using Npgsql;
using static Coursera.Billing.Tests.CheckoutTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Billing.Tests;

/// <summary>
/// Refunds that are not automatic: once the certificate is earned, a learner's refund is a request that platform staff
/// decline with a note or grant (<c>refundOrder</c>, which also refunds any paid order with a reason); every step is in
/// the audit trail with who took it.
/// </summary>
public sealed class RefundTests(BillingApp app) : IClassFixture<BillingApp>
{
    private const string Ask = """
        mutation($o: ID!, $r: String) { requestRefund(input: {orderId: $o, reason: $r}) {
          order { state refundReason refundRequestedAt refundDeclinedAt refundDecisionNote } errors { code path } } }
        """;

    private const string StaffRefund = "mutation($o: ID!, $r: String!) { refundOrder(input: {orderId: $o, reason: $r}) { order { state refundReason } errors { code path } } }";

    private const string Decline = "mutation($o: ID!, $n: String!) { declineRefund(input: {orderId: $o, note: $n}) { order { refundDeclinedAt refundDecisionNote } errors { code } } }";

    private const string Requests = "{ refundRequests { id learnerId refundReason } }";

    private const string Trail = "query($s: String) { billingAuditTrail(subject: $s) { actor action subject detail } }";

    [Fact]
    public async Task After_the_certificate_a_refund_is_asked_of_staff_who_decline_or_grant_it_and_the_trail_keeps_each_step()
    {
        var (learnerId, learner, courseId, orderId) = await PaidOrderAsync();
        await app.PublishAsync(EventEnvelope.Create("certificate.issued", "learner", Guid.NewGuid().ToString(),
            new { learnerId, courseId, issuedAt = DateTime.UtcNow }, DateTime.UtcNow));
        await Eventually(async () => await CertificateKnownAsync(learnerId, courseId)); // before asking, or the refund would still be automatic

        // Not automatic any more: without a reason it is refused; with one it waits for staff, the order still paid.
        Assert.Equal("INVALID_REASON", Refusal(await learner.PostAsync(Ask, new { o = orderId }), "requestRefund"));
        var asked = Accepted(await learner.PostAsync(Ask, new { o = orderId, r = "The course was not what its page said." }))["requestRefund"]!["order"]!;
        Assert.Equal("PAID", asked["state"]!.GetValue<string>());
        Assert.NotNull(asked["refundRequestedAt"]!.GetValue<DateTime?>());
        Assert.Equal("REFUND_ALREADY_REQUESTED", Refusal(await learner.PostAsync(Ask, new { o = orderId, r = "Again" }), "requestRefund"));
        Assert.DoesNotContain((await app.PublishedAsync()), e => e.Type == "entitlement.revoked" && e.Data["learnerId"]!.GetValue<string>() == learnerId.ToString());

        // Staff see it, decline it with a note the learner reads; declining twice is refused.
        var admin = await app.PlatformAdminAsync();
        var waiting = (await admin.PostAsync(Requests)).Ok()["refundRequests"]!.AsArray().Single(o => o!["id"]!.GetValue<string>() == orderId);
        Assert.Equal((learnerId.ToString(), "The course was not what its page said."), (waiting!["learnerId"]!.GetValue<string>(), waiting["refundReason"]!.GetValue<string>()));
        Assert.Equal("Your certificate was issued.", Accepted(await admin.PostAsync(Decline, new { o = orderId, n = "Your certificate was issued." }))
            ["declineRefund"]!["order"]!["refundDecisionNote"]!.GetValue<string>());
        Assert.Equal("NO_REFUND_REQUEST", Refusal(await admin.PostAsync(Decline, new { o = orderId, n = "Again" }), "declineRefund"));
        Assert.DoesNotContain((await admin.PostAsync(Requests)).Ok()["refundRequests"]!.AsArray(), o => o!["id"]!.GetValue<string>() == orderId);
        Assert.Equal("Your certificate was issued.", (await learner.PostAsync("{ viewerOrders { refundDecisionNote } }")).Ok()["viewerOrders"]![0]!["refundDecisionNote"]!.GetValue<string>());

        // Staff may still refund it, with a reason: the order is refunded and the PAID track revoked.
        Assert.Equal("INVALID_REASON", Refusal(await admin.PostAsync(StaffRefund, new { o = orderId, r = " " }), "refundOrder"));
        var refunded = Accepted(await admin.PostAsync(StaffRefund, new { o = orderId, r = "Goodwill after a complaint." }))["refundOrder"]!["order"]!;
        Assert.Equal(("REFUNDED", "Goodwill after a complaint."), (refunded["state"]!.GetValue<string>(), refunded["refundReason"]!.GetValue<string>()));
        await Eventually(async () => (await app.PublishedAsync()).Any(e => e.Type == "entitlement.revoked" && e.Data["learnerId"]!.GetValue<string>() == learnerId.ToString()));
        Assert.Equal("NOT_REFUNDABLE", Refusal(await admin.PostAsync(StaffRefund, new { o = orderId, r = "Twice" }), "refundOrder"));

        // The trail, newest first: who did what to the order, and why.
        var trail = (await admin.PostAsync(Trail, new { s = $"order:{orderId}" })).Ok()["billingAuditTrail"]!.AsArray();
        Assert.Equal(["order.refunded", "refund.staff", "refund.declined", "refund.requested"], trail.Select(e => e!["action"]!.GetValue<string>()));
        var actors = trail.Select(e => e!["actor"]!.GetValue<string>()).ToList();
        Assert.Equal(("stripe", learnerId.ToString()), (actors[0], actors[3]));
        Assert.Equal(actors[1], actors[2]); // the administrator, by id
        Assert.NotEqual(actors[1], actors[3]);
        Assert.Equal("Goodwill after a complaint.", trail[1]!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Staff_refunds_and_the_trail_are_for_platform_administrators_and_refusals_change_nothing()
    {
        var (_, learner, _, orderId) = await PaidOrderAsync();
        var partnerAdmin = await app.UserAsync("admin@northfield.example");
        foreach (var stranger in new[] { learner, partnerAdmin, await app.PartnerClientAsync("northfield") })
        {
            Assert.Equal("FORBIDDEN", (await stranger.PostAsync(StaffRefund, new { o = orderId, r = "Mine" })).ErrorCode());
            Assert.Equal("FORBIDDEN", (await stranger.PostAsync(Decline, new { o = orderId, n = "No" })).ErrorCode());
            Assert.Equal("FORBIDDEN", (await stranger.PostAsync(Requests)).ErrorCode());
            Assert.Equal("FORBIDDEN", (await stranger.PostAsync(Trail, new { s = $"order:{orderId}" })).ErrorCode());
        }

        foreach (var operation in new[] { Requests, Trail })
        {
            Assert.Equal("UNAUTHENTICATED", (await app.Client().PostAsync(operation)).ErrorCode());
        }

        Assert.Equal("UNAUTHENTICATED", (await app.Client().PostAsync(StaffRefund, new { o = orderId, r = "Mine" })).ErrorCode());
        Assert.Equal("UNAUTHENTICATED", (await app.Client().PostAsync(Decline, new { o = orderId, n = "No" })).ErrorCode());

        var admin = await app.PlatformAdminAsync();
        Assert.Equal("ORDER_NOT_FOUND", Refusal(await admin.PostAsync(StaffRefund, new { o = Guid.NewGuid(), r = "Goodwill" }), "refundOrder"));
        Assert.Equal("NO_REFUND_REQUEST", Refusal(await admin.PostAsync(Decline, new { o = orderId, n = "Nothing was asked" }), "declineRefund"));
        Assert.Equal("PAID", (await learner.PostAsync(ViewerOrders)).Ok()["viewerOrders"]![0]!["state"]!.GetValue<string>());
        Assert.Equal("BAD_USER_INPUT", (await admin.PostAsync("{ billingAuditTrail(first: 0) { action } }")).ErrorCode());
    }

    /// <summary>Whether billing has taken the learner service's certificate.issued (nothing in its API tells it before a refund).</summary>
    private async Task<bool> CertificateKnownAsync(Guid learnerId, Guid courseId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM billing.earned_certificates WHERE learner_id = @l AND course_id = @c", connection);
        command.Parameters.AddWithValue("l", learnerId);
        command.Parameters.AddWithValue("c", courseId);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    /// <summary>A new learner's paid order of a new course (49 USD).</summary>
    private async Task<(Guid LearnerId, GraphQLHttpClient Learner, Guid CourseId, string OrderId)> PaidOrderAsync()
    {
        var courseId = Guid.NewGuid();
        var admin = await app.PlatformAdminAsync();
        var offerId = Accepted(await admin.PostAsync(CreateOffer, new { c = courseId, p = Guid.NewGuid(), prices = new[] { new { amount = 4900, currency = "USD" } } }))
            ["createOffer"]!["offer"]!["id"]!.GetValue<string>();
        var (learnerId, learner) = await app.NewLearnerAsync();
        var url = Accepted(await learner.PostAsync(StartCheckout, new { o = offerId, c = "USD", s = "https://learn.example/paid" }))
            ["startCheckout"]!["order"]!["checkoutUrl"]!.GetValue<string>();
        using (var paid = await app.Stripe.PayAsync(url, "4242 4242 4242 4242"))
        {
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        }

        JsonNode? order = null;
        await Eventually(async () => (order = (await learner.PostAsync(ViewerOrders)).Ok()["viewerOrders"]![0])!["state"]!.GetValue<string>() == "PAID");
        return (learnerId, learner, courseId, order!["id"]!.GetValue<string>());
    }
}
