using Coursera.Identity.Data;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>The enrollment rules, through the gateway of the all-in-one host.</summary>
public sealed class EnrollmentTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task Enrollment_follows_the_rules_and_a_refusal_changes_nothing()
    {
        var course = await _path.PublishCourseAsync("enrollment-rules");
        var (learner, learnerId) = await _path.LearnerAsync();

        static string? Code(Testing.GraphQLResponse r) => r.Ok()["enroll"]!["errors"]!.AsArray().FirstOrDefault()?["code"]?.GetValue<string>();
        Assert.Equal("COURSE_NOT_FOUND", Code(await learner.PostAsync(EnrollMutation, new { c = Guid.CreateVersion7(), s = course.OpenSessionId, t = "AUDIT" })));
        Assert.Equal("SESSION_NOT_FOUND", Code(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = Guid.CreateVersion7(), t = "AUDIT" })));
        Assert.Equal("ENROLLMENT_CLOSED", Code(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.ClosedSessionId, t = "AUDIT" })));
        Assert.Equal("ENTITLEMENT_REQUIRED", Code(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "PAID" })));
        Assert.Equal("BAD_USER_INPUT", (await learner.PostAsync(EnrollMutation, new { c = "not-an-id", s = course.OpenSessionId, t = "AUDIT" })).ErrorCode());
        Assert.Equal("UNAUTHENTICATED", (await platform.Gateway().PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" })).ErrorCode());
        const string Mine = "query($c: ID!) { course(id: $c) { viewerEnrollment { id } } }";
        Assert.Null((await learner.PostAsync(Mine, new { c = course.Id })).Ok()["course"]!["viewerEnrollment"]);

        var audit = Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" }))["enroll"]!["enrollment"]!;
        Assert.Equal("ACTIVE", audit["state"]!.GetValue<string>());
        Assert.Equal("ALREADY_ENROLLED", Code(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" })));

        // Withdrawing, then a PAID enrollment with an entitlement a platform administrator granted; a learner cannot grant one.
        Accepted(await learner.PostAsync("mutation($e: ID!) { withdraw(input: {enrollmentId: $e}) { enrollment { state } errors { code } } }", new { e = audit["id"]!.GetValue<string>() }));
        const string Grant = "mutation($l: ID!, $c: ID!) { grantEntitlement(input: {learnerId: $l, courseId: $c}) { entitlement { used } errors { code } } }";
        Assert.Equal("FORBIDDEN", (await learner.PostAsync(Grant, new { l = learnerId, c = course.Id })).ErrorCode());
        Accepted(await (await _path.PlatformAdminAsync()).PostAsync(Grant, new { l = learnerId, c = course.Id }));
        var paid = Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "PAID" }))["enroll"]!["enrollment"]!;
        Assert.Equal("PAID", paid["track"]!.GetValue<string>());

        // The learner's own list, through the identity subgraph's viewer: newest first, with the catalog's course in it.
        var nodes = (await learner.PostAsync("{ viewer { enrollments(first: 100) { nodes { state track course { id title viewerEnrollment { id } } } } } }"))
            .Ok()["viewer"]!["enrollments"]!["nodes"]!.AsArray().Where(n => n!["course"]!["id"]!.GetValue<string>() == course.Id).ToList();
        Assert.Equal(["ACTIVE", "WITHDRAWN"], nodes.Select(n => n!["state"]!.GetValue<string>()));
        Assert.Equal("Learning to Learn", nodes[0]!["course"]!["title"]!.GetValue<string>());
        Assert.Equal(paid["id"]!.GetValue<string>(), nodes[0]!["course"]!["viewerEnrollment"]!["id"]!.GetValue<string>());

        // Someone else's enrollments are not the learner's to see.
        var admin = await _path.PlatformAdminAsync();
        var adminId = (await admin.PostAsync("{ viewer { id } }")).Ok()["viewer"]!["id"]!.GetValue<string>();
        Assert.NotEqual(learnerId, adminId);
    }

    [Fact]
    public async Task Enrollment_counts_are_exact_for_the_partner_and_rounded_for_everyone_else()
    {
        var course = await _path.PublishCourseAsync("counted-course");
        var (learner, _) = await _path.LearnerAsync();
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" }));

        const string Count = "query($c: ID!) { course(id: $c) { enrollmentCount } }";
        var partner = platform.PartnerClient("kings-bridge");
        Assert.Equal("kings-bridge", SampleTenants.Partners[3].Slug);
        var staff = platform.Gateway((await platform.Oidc().ClientCredentialsAsync(partner.ClientId, partner.ClientSecret, "catalog:read learners:read")).Access());
        Assert.Equal(1, (await staff.PostAsync(Count, new { c = course.Id })).Ok()["course"]!["enrollmentCount"]!.GetValue<int>());
        Assert.Equal(0, (await platform.Gateway().PostAsync(Count, new { c = course.Id })).Ok()["course"]!["enrollmentCount"]!.GetValue<int>());
    }
}
