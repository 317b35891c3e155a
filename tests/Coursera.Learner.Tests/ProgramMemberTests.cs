using System.Text.Json.Nodes;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// A program's members as an organization's learning system reads them: in pages of up to 1,000 in a stable order,
/// each with the enrollments the organization pays for (their progress and completion with them).
/// </summary>
public sealed class ProgramMemberTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task Members_page_by_id_past_a_thousand_each_with_the_enrollments_the_organization_pays_for()
    {
        var course = await _path.PublishCourseAsync("members-course");
        var elsewhere = await _path.PublishCourseAsync("members-own-course");
        var (admin, organizationId) = await SampleOrganization.AdministratorAsync(platform);
        var programId = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Everyone", course.Id);
        const string Add = "mutation($p: ID!, $m: [ProgramMemberInput!]!) { addProgramMembers(input: {programId: $p, members: $m}) { errors { code } } }";
        var (ann, annId) = await platform.NewLearnerAsync();
        Accepted(await admin.PostAsync(Add, new { p = programId, m = Enumerable.Range(0, 1000).Select(i => new { externalId = $"E-{i:D4}" }) }));
        Accepted(await admin.PostAsync(Add, new { p = programId, m = new object[] { new { userId = annId, externalId = "ANN" } }
            .Concat(Enumerable.Range(1000, 5).Select(i => new { externalId = $"E-{i:D4}" })) }));
        Assert.NotEmpty((await ann.PostAsync("mutation { acceptProgramInvitations { id } }")).Ok()["acceptProgramInvitations"]!.AsArray());

        // Ann is enrolled by the organization in its course, and in another on her own.
        const string Bulk = "mutation($p: ID!, $r: [BulkEnrollmentRowInput!]!) { bulkEnroll(input: {programId: $p, idempotencyKey: \"ann\", rows: $r}) { job { id } errors { code } } }";
        var jobId = Accepted(await admin.PostAsync(Bulk, new { p = programId, r = new[] { new { learnerId = annId, courseId = course.Id } } }))["bulkEnroll"]!["job"]!["id"]!.GetValue<string>();
        await Eventually(async () => (await admin.PostAsync("query($id: ID!) { bulkEnrollmentJob(id: $id) { state } }", new { id = jobId })).Ok()["bulkEnrollmentJob"]!["state"]!.GetValue<string>() == "DONE");
        Accepted(await ann.PostAsync(EnrollMutation, new { c = elsewhere.Id, s = elsewhere.OpenSessionId, t = "AUDIT" }));

        const string Members = """
            query($id: ID!, $a: String, $f: Int) { program(id: $id) { members(after: $a, first: $f) { id externalId enrollments { track state course { id }
              progress { completedShare } completedAt } } } }
            """;
        var members = new List<JsonNode>();
        string? after = null;
        while (true)
        {
            var page = (await admin.PostAsync(Members, new { id = programId, a = after, f = 200 })).Ok()["program"]!["members"]!.AsArray();
            if (page.Count == 0)
            {
                break;
            }

            Assert.True(page.Count <= 200);
            members.AddRange(page.Select(m => m!));
            after = page[^1]!["id"]!.GetValue<string>();
        }

        Assert.Equal(1006, members.Count);
        Assert.Equal(1006, members.Select(m => m["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(members.Select(m => m["id"]!.GetValue<string>()).Order(StringComparer.Ordinal), members.Select(m => m["id"]!.GetValue<string>()));
        var annsEnrollment = Assert.Single(members.Single(m => m["externalId"]!.GetValue<string>() == "ANN")["enrollments"]!.AsArray())!;
        Assert.Equal(("ENTERPRISE", "ACTIVE", course.Id, 0.0), (annsEnrollment["track"]!.GetValue<string>(), annsEnrollment["state"]!.GetValue<string>(),
            annsEnrollment["course"]!["id"]!.GetValue<string>(), annsEnrollment["progress"]!["completedShare"]!.GetValue<double>()));
        Assert.Null(annsEnrollment["completedAt"]);
        Assert.All(members.Where(m => m["externalId"]!.GetValue<string>() != "ANN"), m => Assert.Empty(m["enrollments"]!.AsArray()));

        // first is kept within 1 to 1000; after is an id.
        Assert.Single((await admin.PostAsync(Members, new { id = programId, f = 0 })).Ok()["program"]!["members"]!.AsArray());
        const string Ids = "query($id: ID!, $a: String, $f: Int) { program(id: $id) { members(after: $a, first: $f) { id } } }";
        Assert.Equal(1000, (await admin.PostAsync(Ids, new { id = programId, f = 5000 })).Ok()["program"]!["members"]!.AsArray().Count);
        Assert.Equal("BAD_USER_INPUT", (await admin.PostAsync(Ids, new { id = programId, a = "member-9" })).ErrorCode());
    }
}
