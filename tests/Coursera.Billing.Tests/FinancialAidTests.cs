using Coursera.Billing.Orders;
using Coursera.Identity.Data;
using Microsoft.Extensions.DependencyInjection;
using static Coursera.Billing.Tests.CheckoutTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Billing.Tests;

/// <summary>
/// Financial aid: an application needs two answers of 150 words for a course that is for sale; the course's partner
/// administrators (or platform administrators) approve it, which grants the PAID track free for 180 days, or deny it
/// with a note; nobody else sees or decides it.
/// </summary>
public sealed class FinancialAidTests(BillingApp app) : IClassFixture<BillingApp>
{
    internal const string Apply = """
        mutation($c: ID!, $r: String!, $g: String!) { applyForFinancialAid(input: {courseId: $c, reasons: $r, goals: $g}) {
          application { id state } errors { code path } } }
        """;

    private const string Review = """
        mutation($a: ID!, $ok: Boolean!) { reviewFinancialAid(input: {applicationId: $a, approve: $ok, note: "Welcome aboard."}) {
          application { state note accessEndsAt } errors { code } } }
        """;

    private const string Queue = "{ financialAidQueue { id learnerId } }";

    internal static readonly string Words150 = string.Join(' ', Enumerable.Repeat("I lost my job this year and cannot pay for courses now.", 14));

    [Fact]
    public async Task An_approved_application_grants_the_paid_track_for_180_days_and_only_the_courses_partner_decides()
    {
        var northfield = SampleTenants.Partners.Single(p => p.Slug == "northfield").Id;
        var courseId = Guid.NewGuid();
        Accepted(await (await app.PlatformAdminAsync()).PostAsync(CreateOffer, new { c = courseId, p = northfield, prices = new[] { new { amount = 4900, currency = "USD" } } }));
        var (learnerId, learner) = await app.NewLearnerAsync();

        Assert.Equal("INVALID_APPLICATION", Refusal(await learner.PostAsync(Apply, new { c = courseId, r = "Please.", g = Words150 }), "applyForFinancialAid"));
        Assert.Equal("COURSE_NOT_FOR_SALE", Refusal(await learner.PostAsync(Apply, new { c = Guid.NewGuid(), r = Words150, g = Words150 }), "applyForFinancialAid"));
        var application = Accepted(await learner.PostAsync(Apply, new { c = courseId, r = Words150, g = Words150 }))["applyForFinancialAid"]!["application"]!;
        Assert.Equal("PENDING", application["state"]!.GetValue<string>());
        var id = application["id"]!.GetValue<string>();
        Assert.Equal("ALREADY_APPLIED", Refusal(await learner.PostAsync(Apply, new { c = courseId, r = Words150, g = Words150 }), "applyForFinancialAid"));

        // Another partner's administrator and the learner neither see nor decide it.
        foreach (var stranger in new[] { await app.UserAsync("admin@lakeside-tech.example"), learner })
        {
            Assert.DoesNotContain((await stranger.PostAsync(Queue)).Ok()["financialAidQueue"]!.AsArray(), a => a!["id"]!.GetValue<string>() == id);
            Assert.Equal("APPLICATION_NOT_FOUND", Refusal(await stranger.PostAsync(Review, new { a = id, ok = true }), "reviewFinancialAid"));
        }

        // The course's partner administrator approves: 180 days of the PAID track, announced to the learner service.
        var partnerAdmin = await app.UserAsync("admin@northfield.example");
        Assert.Contains((await partnerAdmin.PostAsync(Queue)).Ok()["financialAidQueue"]!.AsArray(), a => a!["id"]!.GetValue<string>() == id);
        var approved = Accepted(await partnerAdmin.PostAsync(Review, new { a = id, ok = true }))["reviewFinancialAid"]!["application"]!;
        Assert.Equal("APPROVED", approved["state"]!.GetValue<string>());
        Assert.Equal(DateTime.UtcNow.AddDays(180), approved["accessEndsAt"]!.GetValue<DateTime>(), TimeSpan.FromMinutes(1));
        Assert.Equal("ALREADY_DECIDED", Refusal(await partnerAdmin.PostAsync(Review, new { a = id, ok = false }), "reviewFinancialAid"));
        await Eventually(async () => (await app.PublishedAsync()).Any(e => e.Type == "entitlement.granted"
            && e.Data["learnerId"]!.GetValue<string>() == learnerId.ToString() && e.Data["source"]!.GetValue<string>() == "FINANCIAL_AID"));
        var granted = (await app.PublishedAsync()).Single(e => e.Type == "entitlement.granted" && e.Data["learnerId"]!.GetValue<string>() == learnerId.ToString()).Data;
        Assert.Equal(id, granted["applicationId"]!.GetValue<string>());
        Assert.Equal("Welcome aboard.", (await learner.PostAsync("{ viewerFinancialAidApplications { note } }")).Ok()["viewerFinancialAidApplications"]![0]!["note"]!.GetValue<string>());

        // The service's minute round after the 180 days: the application is EXPIRED and the PAID track revoked.
        var expiry = app.Services.GetRequiredService<AccessExpiry>();
        var endsAt = approved["accessEndsAt"]!.GetValue<DateTime>();
        await expiry.ExpireAsync(endsAt.AddMinutes(-1), CancellationToken.None);
        Assert.Equal("APPROVED", (await learner.PostAsync("{ viewerFinancialAidApplications { state } }")).Ok()["viewerFinancialAidApplications"]![0]!["state"]!.GetValue<string>());
        Assert.True(await expiry.ExpireAsync(endsAt.AddMinutes(1), CancellationToken.None) >= 1);
        Assert.Equal("EXPIRED", (await learner.PostAsync("{ viewerFinancialAidApplications { state } }")).Ok()["viewerFinancialAidApplications"]![0]!["state"]!.GetValue<string>());
        await Eventually(async () => (await app.PublishedAsync()).Any(e => e.Type == "entitlement.revoked" && e.Data["applicationId"]?.GetValue<string>() == id));
        Assert.Equal(granted["entitlementId"]!.GetValue<string>(),
            (await app.PublishedAsync()).Single(e => e.Type == "entitlement.revoked" && e.Data["applicationId"]?.GetValue<string>() == id).Data["entitlementId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_denied_application_grants_nothing_and_the_learner_may_apply_again()
    {
        var courseId = Guid.NewGuid();
        var admin = await app.PlatformAdminAsync();
        Accepted(await admin.PostAsync(CreateOffer, new { c = courseId, p = Guid.NewGuid(), prices = new[] { new { amount = 4900, currency = "USD" } } }));
        var (learnerId, learner) = await app.NewLearnerAsync();
        var id = Accepted(await learner.PostAsync(Apply, new { c = courseId, r = Words150, g = Words150 }))["applyForFinancialAid"]!["application"]!["id"]!.GetValue<string>();
        Assert.Equal("DENIED", Accepted(await admin.PostAsync(Review, new { a = id, ok = false }))["reviewFinancialAid"]!["application"]!["state"]!.GetValue<string>());
        Assert.Equal("PENDING", Accepted(await learner.PostAsync(Apply, new { c = courseId, r = Words150, g = Words150 }))
            ["applyForFinancialAid"]!["application"]!["state"]!.GetValue<string>());
        Assert.DoesNotContain(await app.PublishedAsync(), e => e.Type == "entitlement.granted" && e.Data["learnerId"]!.GetValue<string>() == learnerId.ToString());
    }
}
