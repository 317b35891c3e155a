using Coursera.Identity.Data;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// Erasing one's account needs a recent sign-in (security review F10), and programs are no mass mailer: invitations
/// per organization and day are capped and a program's name, which goes into the mail subject, is one line (F19).
/// </summary>
public sealed class StrictLimitTests(StrictLearnerPlatform platform) : IClassFixture<StrictLearnerPlatform>
{
    private const string Add = "mutation($p: ID!, $m: [ProgramMemberInput!]!) { addProgramMembers(input: {programId: $p, members: $m}) { errors { code } } }";

    [Fact]
    public async Task Erasing_ones_account_without_a_recent_sign_in_asks_to_sign_in_again_and_erases_nothing()
    {
        var course = await new LearningPath(platform).PublishCourseAsync("reauthentication");
        var account = await NewLearner.CreateAsync(platform.Services);
        var learner = platform.Gateway((await platform.SignInAsync(account.Email, LearnerScopes + " personal_data", SampleTenants.LearnerAppClientId,
            password: account.Password)).Access());

        var refused = (await learner.PostAsync("mutation { eraseAccount(input: {}) { erasedAt errors { code } } }")).Ok()["eraseAccount"]!;
        Assert.Equal("REAUTHENTICATION_REQUIRED", refused["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Null(refused["erasedAt"]);

        // Nothing was erased: the same token still works and enrolls under the learner's name.
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" }));
    }

    [Fact]
    public async Task An_organization_invites_at_most_its_daily_quota_and_names_programs_on_one_line()
    {
        var course = await new LearningPath(platform).PublishCourseAsync("invitation-quota");
        var (admin, organizationId) = await SampleOrganization.AdministratorAsync(platform);
        var refused = (await admin.PostAsync(
            "mutation($o: ID!, $c: [ID!]!) { createProgram(input: {organizationId: $o, name: \"Onboarding\\r\\nBcc: everyone@example.org\", courseIds: $c}) { program { id } errors { code } } }",
            new { o = organizationId, c = new[] { course.Id } })).Ok()["createProgram"]!;
        Assert.Equal("INVALID_NAME", refused["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Null(refused["program"]);

        var programId = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Quota", course.Id);
        Accepted(await admin.PostAsync(Add, new { p = programId, m = new[] { new { email = "one@acme.example" }, new { email = "two@acme.example" } } }));

        // Two more would make four in a day: refused whole, nobody else invited.
        var over = (await admin.PostAsync(Add, new { p = programId, m = new[] { new { email = "three@acme.example" }, new { email = "four@acme.example" } } }))
            .Ok()["addProgramMembers"]!;
        Assert.Equal("INVITATION_LIMIT_REACHED", over["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(2, (await admin.PostAsync("query($id: ID!) { program(id: $id) { members { id } } }", new { id = programId }))
            .Ok()["program"]!["members"]!.AsArray().Count);

        // External ids alone mail nobody and are not counted.
        Accepted(await admin.PostAsync(Add, new { p = programId, m = Enumerable.Range(0, 10).Select(i => new { externalId = $"HR-{i}" }) }));
    }
}
