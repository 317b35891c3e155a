using Coursera.Events;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// Billing's entitlements on the event stream: a purchase turns the learner's AUDIT enrollment PAID, a refund turns it
/// back; a duplicate changes nothing, and a revocation that arrives before its grant wins.
/// </summary>
public sealed class EntitlementTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Enrollment = "query($c: ID!) { course(id: $c) { viewerEnrollment { track state } } }";

    private static readonly Lazy<Json.Schema.JsonSchema> GrantedSchema =
        new(() => Json.Schema.JsonSchema.FromText(Coursera.Events.Contracts.EventCatalog.Types.Single(t => t.Name == "entitlement.granted").Schema));

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task A_grant_upgrades_the_audit_enrollment_a_duplicate_changes_nothing_and_a_revocation_downgrades_it()
    {
        var course = await _path.PublishCourseAsync("bought-course");
        var (learner, learnerId) = await platform.NewLearnerAsync();
        await Eventually(async () => (await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" })).Ok()["enroll"]!["errors"]!.AsArray().Count == 0);

        var entitlementId = Guid.CreateVersion7();
        await PublishAsync("entitlement.granted", entitlementId, learnerId, course.Id);
        await Eventually(async () => await TrackAsync(learner, course.Id) == "PAID");
        await PublishAsync("entitlement.granted", entitlementId, learnerId, course.Id); // delivered twice
        await PublishAsync("entitlement.revoked", entitlementId, learnerId, course.Id);
        await Eventually(async () => await TrackAsync(learner, course.Id) == "AUDIT");
        Assert.Equal("ACTIVE", (await learner.PostAsync(Enrollment, new { c = course.Id })).Ok()["course"]!["viewerEnrollment"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_purchase_after_completing_on_audit_upgrades_the_completed_enrollment_and_issues_the_certificate()
    {
        var course = await _path.PublishCourseAsync("finished-then-bought");
        var (learner, learnerId) = await platform.NewLearnerAsync();
        await Eventually(async () => (await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" })).Ok()["enroll"]!["errors"]!.AsArray().Count == 0);
        foreach (var item in new[] { course.Lecture, course.Quiz })
        {
            Accepted(await learner.PostAsync("mutation($i: ID!) { recordProgress(input: {itemId: $i, event: COMPLETED}) { errors { code } } }", new { i = item }));
        }

        const string Mine = "query($c: ID!) { course(id: $c) { viewerEnrollment { track state certificate { code } } } }";
        Assert.Null((await learner.PostAsync(Mine, new { c = course.Id })).Ok()["course"]!["viewerEnrollment"]!["certificate"]);
        await PublishAsync("entitlement.granted", Guid.CreateVersion7(), learnerId, course.Id);
        await Eventually(async () => (await learner.PostAsync(Mine, new { c = course.Id })).Ok()["course"]!["viewerEnrollment"]!["certificate"] is not null);
        var enrollment = (await learner.PostAsync(Mine, new { c = course.Id })).Ok()["course"]!["viewerEnrollment"]!;
        Assert.Equal("PAID", enrollment["track"]!.GetValue<string>());
        Assert.Equal("COMPLETED", enrollment["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_revocation_that_arrives_before_its_grant_leaves_nothing_to_enroll_with()
    {
        var refunded = await _path.PublishCourseAsync("refunded-course");
        var bought = await _path.PublishCourseAsync("bought-later-course");
        var (learner, learnerId) = await platform.NewLearnerAsync();
        var entitlementId = Guid.CreateVersion7();
        await PublishAsync("entitlement.revoked", entitlementId, learnerId, refunded.Id);
        await PublishAsync("entitlement.granted", entitlementId, learnerId, refunded.Id);

        // A later grant for another course: once it can be used, the two before it were handled (one stream, in order).
        await PublishAsync("entitlement.granted", Guid.CreateVersion7(), learnerId, bought.Id);
        await Eventually(async () => (await learner.PostAsync(EnrollMutation, new { c = bought.Id, s = bought.OpenSessionId, t = "PAID" })).Ok()["enroll"]!["errors"]!.AsArray().Count == 0);
        Assert.Equal("ENTITLEMENT_REQUIRED", (await learner.PostAsync(EnrollMutation, new { c = refunded.Id, s = refunded.OpenSessionId, t = "PAID" }))
            .Ok()["enroll"]!["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_disputed_payment_suspends_the_access_keeping_the_certificate_and_a_lost_dispute_revokes_the_certificate()
    {
        var course = await _path.PublishCourseAsync("disputed-course");
        var (learner, learnerId) = await platform.NewLearnerAsync();
        await Eventually(async () => (await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" })).Ok()["enroll"]!["errors"]!.AsArray().Count == 0);
        var entitlementId = Guid.CreateVersion7();
        await PublishAsync("entitlement.granted", entitlementId, learnerId, course.Id);
        await Eventually(async () => await TrackAsync(learner, course.Id) == "PAID");
        foreach (var item in new[] { course.Lecture, course.Quiz })
        {
            Accepted(await learner.PostAsync("mutation($i: ID!) { recordProgress(input: {itemId: $i, event: COMPLETED}) { errors { code } } }", new { i = item }));
        }

        const string Certificate = "query($c: ID!) { course(id: $c) { viewerEnrollment { track certificate { code revoked } } } }";
        await Eventually(async () => (await learner.PostAsync(Certificate, new { c = course.Id })).Ok()["course"]!["viewerEnrollment"]!["certificate"] is not null);

        // The dispute opens: the track goes back to AUDIT, the certificate stays valid.
        await PublishAsync("entitlement.revoked", entitlementId, learnerId, course.Id);
        await Eventually(async () => await TrackAsync(learner, course.Id) == "AUDIT");
        Assert.False((await learner.PostAsync(Certificate, new { c = course.Id })).Ok()["course"]!["viewerEnrollment"]!["certificate"]!["revoked"]!.GetValue<bool>());

        // Lost: the certificate is revoked too.
        await PublishAsync("entitlement.revoked", entitlementId, learnerId, course.Id, revokesCertificate: true);
        await Eventually(async () => (await learner.PostAsync(Certificate, new { c = course.Id })).Ok()["course"]!["viewerEnrollment"]!["certificate"]!["revoked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Coursera_plus_turns_every_current_enrollment_PAID_opens_any_course_on_PAID_and_its_end_keeps_only_what_was_bought()
    {
        var audited = await _path.PublishCourseAsync("plus-audited");
        var later = await _path.PublishCourseAsync("plus-later");
        var (learner, learnerId) = await platform.NewLearnerAsync();
        await Eventually(async () => (await learner.PostAsync(EnrollMutation, new { c = audited.Id, s = audited.OpenSessionId, t = "AUDIT" })).Ok()["enroll"]!["errors"]!.AsArray().Count == 0);
        await Eventually(async () => (await learner.PostAsync("query($c: ID!) { course(id: $c) { id } }", new { c = later.Id })).Ok()["course"] is not null);
        Assert.Equal("ENTITLEMENT_REQUIRED", (await learner.PostAsync(EnrollMutation, new { c = later.Id, s = later.OpenSessionId, t = "PAID" }))
            .Ok()["enroll"]!["errors"]![0]!["code"]!.GetValue<string>());

        // Plus: the audited course turns PAID at once, and any other course may be taken on PAID, as many as wanted.
        var plus = Guid.CreateVersion7();
        await PublishAsync("entitlement.granted", plus, learnerId, null);
        await Eventually(async () => await TrackAsync(learner, audited.Id) == "PAID");
        Assert.Empty((await learner.PostAsync(EnrollMutation, new { c = later.Id, s = later.OpenSessionId, t = "PAID" })).Ok()["enroll"]!["errors"]!.AsArray());
        Assert.Equal("PAID", await TrackAsync(learner, later.Id));

        // The later course is also bought meanwhile; Plus ends: the bought course stays PAID, the other goes on on AUDIT.
        await PublishAsync("entitlement.granted", Guid.CreateVersion7(), learnerId, later.Id);
        await PublishAsync("entitlement.revoked", plus, learnerId, null);
        await Eventually(async () => await TrackAsync(learner, audited.Id) == "AUDIT");
        Assert.Equal("PAID", await TrackAsync(learner, later.Id));
    }

    private async Task PublishAsync(string type, Guid entitlementId, Guid learnerId, string? courseId, bool revokesCertificate = false)
    {
        var now = DateTime.UtcNow;
        var envelope = EventEnvelope.Create(type, "billing", entitlementId.ToString(), new
        {
            entitlementId, learnerId, courseId, partnerId = Guid.CreateVersion7(), source = "PURCHASE", orderId = Guid.CreateVersion7(), applicationId = (Guid?)null,
            subscriptionId = (Guid?)null,
            occurredAt = now, expiresAt = (DateTime?)null, reason = type == "entitlement.revoked" ? "Refunded" : null, revokesCertificate,
        }, now);
        if (type == "entitlement.granted")
        {
            Assert.True(GrantedSchema.Value.Evaluate(envelope.Data).IsValid); // the stand-in speaks the catalogued contract
        }

        await platform.PublishAsync(envelope);
    }

    private static async Task<string?> TrackAsync(Testing.GraphQLHttpClient learner, string courseId) =>
        (await learner.PostAsync(Enrollment, new { c = courseId })).Ok()["course"]!["viewerEnrollment"]?["track"]?.GetValue<string>();
}
