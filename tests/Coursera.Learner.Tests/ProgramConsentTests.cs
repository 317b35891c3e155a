using System.Text.Json.Nodes;
using Coursera.Identity.Data;
using Coursera.Testing;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// A program's members are the organization's business and each person's own choice: a learner who joins a program
/// does not read their colleagues (security review F2), and an organization enrolls only people who accepted its
/// invitation, never an account it merely knows the id of (F3).
/// </summary>
public sealed class ProgramConsentTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Job = "query($id: ID!) { bulkEnrollmentJob(id: $id) { state rows { status errorCode } } }";

    private const string Bulk =
        "mutation($p: ID!, $k: String!, $r: [BulkEnrollmentRowInput!]!) { bulkEnroll(input: {programId: $p, idempotencyKey: $k, rows: $r}) { job { id } errors { code } } }";

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task A_learner_who_accepts_an_invitation_cannot_read_the_programs_members()
    {
        var course = await _path.PublishCourseAsync("consent-members");
        var (admin, organizationId) = await SampleOrganization.AdministratorAsync(platform);
        var programId = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Colleagues", course.Id);
        var invitee = await NewLearner.CreateAsync(platform.Services);
        Accepted(await admin.PostAsync("mutation($p: ID!, $m: [ProgramMemberInput!]!) { addProgramMembers(input: {programId: $p, members: $m}) { errors { code } } }",
            new { p = programId, m = new object[] { new { email = invitee.Email }, new { email = "colleague@acme.example", externalId = "HR-COLLEAGUE" } } }));

        // The review's request, as the invited learner: the program comes back, its members never do.
        const string Review = "mutation { acceptProgramInvitations { id members(first:1000) { email externalId userId joined } } }";
        var learner = platform.Gateway((await platform.SignInAsync(invitee.Email, "openid profile email enrollments:write", SampleTenants.LearnerAppClientId,
            password: invitee.Password)).Access());
        var answer = await learner.PostAsync(Review);
        Assert.Equal("FORBIDDEN", answer.ErrorCode());
        Assert.DoesNotContain("colleague@acme.example", answer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("HR-COLLEAGUE", answer.ToString(), StringComparison.Ordinal);

        // The acceptance itself stands: the administrator sees the invitee joined.
        var members = (await admin.PostAsync("query($id: ID!) { program(id: $id) { members { email joined } } }", new { id = programId }))
            .Ok()["program"]!["members"]!.AsArray();
        Assert.True(members.Single(m => string.Equals(m!["email"]!.GetValue<string>(), invitee.Email, StringComparison.OrdinalIgnoreCase))!["joined"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_organization_enrolls_by_user_id_only_people_who_accepted_its_invitation()
    {
        var course = await _path.PublishCourseAsync("consent-bulk");
        var (admin, organizationId) = await SampleOrganization.AdministratorAsync(platform);
        var programId = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Consent", course.Id);
        var (stranger, strangerId) = await platform.NewLearnerAsync();

        // Added by user id, the person is invited, not joined.
        Accepted(await admin.PostAsync("mutation($p: ID!, $u: ID!) { addProgramMembers(input: {programId: $p, members: [{userId: $u}]}) { errors { code } } }",
            new { p = programId, u = strangerId }));
        var member = Assert.Single((await admin.PostAsync("query($id: ID!) { program(id: $id) { members { userId joined } } }", new { id = programId }))
            .Ok()["program"]!["members"]!.AsArray())!;
        Assert.False(member["joined"]!.GetValue<bool>());

        // Rows naming them before they accept, or naming an id nobody has, are row errors; nothing is enrolled.
        var rows = await RunAsync(admin, programId, "before", new { learnerId = strangerId, courseId = course.Id },
            new { learnerId = Guid.CreateVersion7(), courseId = course.Id });
        Assert.Equal([("FAILED", "LEARNER_NOT_FOUND"), ("FAILED", "LEARNER_NOT_FOUND")], rows);
        Assert.Empty((await stranger.PostAsync("{ viewer { enrollments(first: 10) { nodes { id } } } }")).Ok()["viewer"]!["enrollments"]!["nodes"]!.AsArray());

        // Once they accept, the same row enrolls them.
        Assert.NotEmpty((await stranger.PostAsync("mutation { acceptProgramInvitations { id } }")).Ok()["acceptProgramInvitations"]!.AsArray());
        Assert.Equal([("ENROLLED", (string?)null)], await RunAsync(admin, programId, "after", new { learnerId = strangerId, courseId = course.Id }));
    }

    private static async Task<List<(string, string?)>> RunAsync(GraphQLHttpClient admin, string programId, string key, params object[] rows)
    {
        var jobId = Accepted(await admin.PostAsync(Bulk, new { p = programId, k = key, r = rows }))["bulkEnroll"]!["job"]!["id"]!.GetValue<string>();
        JsonNode job = null!;
        await Eventually(async () => (job = (await admin.PostAsync(Job, new { id = jobId })).Ok()["bulkEnrollmentJob"]!)["state"]!.GetValue<string>() == "DONE");
        return [.. job["rows"]!.AsArray().Select(r => (r!["status"]!.GetValue<string>(), r["errorCode"]?.GetValue<string>()))];
    }
}
