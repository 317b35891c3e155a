using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// The ENTERPRISE track (the organization pays): only for a course of one of the organization's programs that the
/// learner joined, never for any course a member of some organization picks (security review F4).
/// </summary>
public sealed class EnterpriseTrackTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task A_member_enrolls_on_the_enterprise_track_only_in_a_course_of_a_program_they_joined()
    {
        var inProgram = await _path.PublishCourseAsync("enterprise-course");
        var elsewhere = await _path.PublishCourseAsync("any-other-course");
        var (learner, learnerId) = await _path.LearnerAsync();
        var admin = platform.Gateway((await platform.SignInAsync("admin@acme.example")).Access());
        var organizationId = (await admin.PostAsync("{ viewer { memberships { role tenant { id } } } }")).Ok()["viewer"]!["memberships"]!.AsArray()
            .Single(m => m!["role"]!.GetValue<string>() == "org_admin")!["tenant"]!["id"]!.GetValue<string>();

        // A member of the organization, in no program yet: refused, with a code that says why.
        await Eventually(async () => (await learner.PostAsync(EnrollMutation, new { c = inProgram.Id, s = inProgram.OpenSessionId, t = "ENTERPRISE" }))
            .Ok()["enroll"]!["errors"]![0]?["code"]?.GetValue<string>() == "NOT_IN_A_PROGRAM");

        var programId = Accepted(await admin.PostAsync(
            "mutation($o: ID!, $c: [ID!]!) { createProgram(input: {organizationId: $o, name: \"Analytics\", courseIds: $c}) { program { id } errors { code } } }",
            new { o = organizationId, c = new[] { inProgram.Id } }))["createProgram"]!["program"]!["id"]!.GetValue<string>();
        await SampleOrganization.AddMemberAsync(admin, programId, learner, learnerId);

        // A course outside the program stays refused; the program's course is open, and its enrollment names the organization.
        Assert.Equal("NOT_IN_A_PROGRAM", (await learner.PostAsync(EnrollMutation, new { c = elsewhere.Id, s = elsewhere.OpenSessionId, t = "ENTERPRISE" }))
            .Ok()["enroll"]!["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("ENTERPRISE", Accepted(await learner.PostAsync(EnrollMutation, new { c = inProgram.Id, s = inProgram.OpenSessionId, t = "ENTERPRISE" }))
            ["enroll"]!["enrollment"]!["track"]!.GetValue<string>());
    }
}
