using System.Text.Json.Nodes;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// An organization's program: its administrator curates courses, adds members, and enrolls learners in bulk; bad
/// rows get clear per-row errors while good rows are enrolled, and the same idempotency key never enrolls twice.
/// Other tenants see none of it.
/// </summary>
public sealed class ProgramTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Job = """
        query($id: ID!) { bulkEnrollmentJob(id: $id) { state total succeeded failed rows { rowNumber status errorCode enrollmentId } } }
        """;

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task Bulk_enrollment_enrolls_the_good_rows_explains_the_bad_ones_and_runs_once_per_idempotency_key()
    {
        var first = await _path.PublishCourseAsync("program-course-one");
        var second = await _path.PublishCourseAsync("program-course-two");
        var outside = await _path.PublishCourseAsync("not-in-the-program");
        var (learner, learnerId) = await _path.LearnerAsync();
        var admin = platform.Gateway((await platform.SignInAsync("admin@acme.example")).Access());
        var organizationId = (await admin.PostAsync("{ viewer { memberships { role tenant { id } } } }")).Ok()["viewer"]!["memberships"]!.AsArray()
            .Single(m => m!["role"]!.GetValue<string>() == "org_admin")!["tenant"]!["id"]!.GetValue<string>();

        var programId = Accepted(await admin.PostAsync(
            "mutation($o: ID!, $c: [ID!]!) { createProgram(input: {organizationId: $o, name: \"Data literacy\", courseIds: $c}) { program { id courses { title } } errors { code } } }",
            new { o = organizationId, c = new[] { first.Id, second.Id } }))["createProgram"]!["program"]!["id"]!.GetValue<string>();
        Accepted(await admin.PostAsync(
            "mutation($p: ID!, $u: ID!) { addProgramMembers(input: {programId: $p, members: [{userId: $u, externalId: \"HR-42\"}, {email: \"New.Hire@acme.example\"}]}) { program { members { joined externalId } } errors { code } } }",
            new { p = programId, u = learnerId }));
        Assert.NotEmpty((await learner.PostAsync("mutation { acceptProgramInvitations { id } }")).Ok()["acceptProgramInvitations"]!.AsArray());

        object[] rows =
        [
            new { learnerId, courseId = first.Id },                    // 1 enrolled
            new { externalId = "HR-42", courseId = second.Id },        // 2 enrolled, through the member's external id
            new { learnerId = "not-an-id", courseId = first.Id },      // 3 bad learner id
            new { externalId = "HR-999", courseId = first.Id },        // 4 nobody with that external id
            new { learnerId, courseId = outside.Id },                  // 5 not a course of the program
            new { learnerId, courseId = first.Id },                    // 6 the same as row 1
        ];
        const string Bulk = "mutation($p: ID!, $k: String!, $r: [BulkEnrollmentRowInput!]!) { bulkEnroll(input: {programId: $p, idempotencyKey: $k, rows: $r}) { job { id state } errors { code } } }";
        var jobId = Accepted(await admin.PostAsync(Bulk, new { p = programId, k = "hr-import-2026-11-26", r = rows }))["bulkEnroll"]!["job"]!["id"]!.GetValue<string>();

        JsonNode job = null!;
        await Eventually(async () => (job = (await admin.PostAsync(Job, new { id = jobId })).Ok()["bulkEnrollmentJob"]!)["state"]!.GetValue<string>() == "DONE");
        Assert.Equal(6, job["total"]!.GetValue<int>());
        Assert.Equal(3, job["succeeded"]!.GetValue<int>());
        Assert.Equal(3, job["failed"]!.GetValue<int>());
        Assert.Equal(["ENROLLED", "ENROLLED", "FAILED", "FAILED", "FAILED", "ALREADY_ENROLLED"], job["rows"]!.AsArray().Select(r => r!["status"]!.GetValue<string>()));
        Assert.Equal([null, null, "LEARNER_NOT_FOUND", "LEARNER_NOT_FOUND", "COURSE_NOT_IN_PROGRAM", null],
            job["rows"]!.AsArray().Select(r => r!["errorCode"]?.GetValue<string>()));

        // The learner sees the enterprise enrollments their organization made.
        var mine = (await learner.PostAsync("{ viewer { enrollments(first: 100) { nodes { track course { id } } } } }")).Ok()["viewer"]!["enrollments"]!["nodes"]!.AsArray();
        Assert.Equal(2, mine.Count(n => n!["track"]!.GetValue<string>() == "ENTERPRISE"));

        // The same key again: the same job, nothing enrolled twice.
        var again = Accepted(await admin.PostAsync(Bulk, new { p = programId, k = "hr-import-2026-11-26", r = rows }))["bulkEnroll"]!["job"]!["id"]!.GetValue<string>();
        Assert.Equal(jobId, again);
        mine = (await learner.PostAsync("{ viewer { enrollments(first: 100) { nodes { track } } } }")).Ok()["viewer"]!["enrollments"]!["nodes"]!.AsArray();
        Assert.Equal(2, mine.Count(n => n!["track"]!.GetValue<string>() == "ENTERPRISE"));

        // Other tenants: a partner's administrator, and the learner, see no program and no job; the organization's
        // administrator cannot make programs for another organization.
        foreach (var stranger in new[] { platform.Gateway((await platform.SignInAsync("admin@northfield.example")).Access()), learner })
        {
            Assert.Null((await stranger.PostAsync("query($id: ID!) { program(id: $id) { name } }", new { id = programId })).Ok()["program"]);
            Assert.Null((await stranger.PostAsync(Job, new { id = jobId })).Ok()["bulkEnrollmentJob"]);
            Assert.Equal("FORBIDDEN", (await stranger.PostAsync("query($o: ID!) { programs(organizationId: $o) { id } }", new { o = organizationId })).ErrorCode());
            Assert.Equal("PROGRAM_NOT_FOUND", (await stranger.PostAsync(
                "mutation($p: ID!, $u: ID!) { removeProgramMembers(input: {programId: $p, members: [{userId: $u}]}) { errors { code } } }",
                new { p = programId, u = learnerId })).Ok()["removeProgramMembers"]!["errors"]![0]!["code"]!.GetValue<string>());
        }

        Assert.Equal("FORBIDDEN", (await admin.PostAsync(
            "mutation($o: ID!, $c: [ID!]!) { createProgram(input: {organizationId: $o, name: \"Elsewhere\", courseIds: $c}) { errors { code } } }",
            new { o = Guid.CreateVersion7(), c = new[] { first.Id } })).ErrorCode());
        Assert.Single((await admin.PostAsync("query($o: ID!) { programs(organizationId: $o) { id } }", new { o = organizationId })).Ok()["programs"]!.AsArray());
    }

    [Fact]
    public async Task A_learner_invited_by_email_joins_the_program_when_they_accept()
    {
        var course = await _path.PublishCourseAsync("invited-course");
        var admin = platform.Gateway((await platform.SignInAsync("admin@acme.example")).Access());
        var organizationId = (await admin.PostAsync("{ viewer { memberships { role tenant { id } } } }")).Ok()["viewer"]!["memberships"]!.AsArray()
            .Single(m => m!["role"]!.GetValue<string>() == "org_admin")!["tenant"]!["id"]!.GetValue<string>();
        var programId = Accepted(await admin.PostAsync(
            "mutation($o: ID!, $c: [ID!]!) { createProgram(input: {organizationId: $o, name: \"Onboarding\", courseIds: $c}) { program { id } errors { code } } }",
            new { o = organizationId, c = new[] { course.Id } }))["createProgram"]!["program"]!["id"]!.GetValue<string>();
        Accepted(await admin.PostAsync("mutation($p: ID!) { addProgramMembers(input: {programId: $p, members: [{email: \"Learner@Acme.example\"}]}) { errors { code } } }",
            new { p = programId }));

        // The invitation is mailed to the address, with where to sign up or in.
        string? invitation = null;
        await Eventually(() => Task.FromResult((invitation = Directory.Exists(platform.MailFolder)
            ? Directory.GetFiles(platform.MailFolder).Select(File.ReadAllText).FirstOrDefault(m => m.Contains("Subject: You are invited to Onboarding", StringComparison.Ordinal))
            : null) is not null));
        Assert.StartsWith("To: learner@acme.example", invitation, StringComparison.Ordinal);
        Assert.Contains(PlatformApp.PublicOrigin + "/account/register", invitation, StringComparison.Ordinal);

        var withoutEmail = (await _path.LearnerAsync()).Gateway;
        Assert.Equal("FORBIDDEN", (await withoutEmail.PostAsync("mutation { acceptProgramInvitations { id } }")).ErrorCode());
        var learner = platform.Gateway((await platform.SignInAsync(LearnerEmail, "openid profile email enrollments:write", Identity.Data.SampleTenants.LearnerAppClientId)).Access());
        var joined = (await learner.PostAsync("mutation { acceptProgramInvitations { id name } }")).Ok()["acceptProgramInvitations"]!.AsArray();
        Assert.Equal(programId, Assert.Single(joined)!["id"]!.GetValue<string>());
        var member = (await admin.PostAsync("query($id: ID!) { program(id: $id) { members { email joined userId } } }", new { id = programId }))
            .Ok()["program"]!["members"]![0]!;
        Assert.True(member["joined"]!.GetValue<bool>());
        Assert.Equal("learner@acme.example", member["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bulk_request_of_more_than_ten_thousand_rows_is_refused_whole()
    {
        var course = await _path.PublishCourseAsync("big-program-course");
        var admin = platform.Gateway((await platform.SignInAsync("admin@acme.example")).Access());
        var organizationId = (await admin.PostAsync("{ viewer { memberships { role tenant { id } } } }")).Ok()["viewer"]!["memberships"]!.AsArray()
            .Single(m => m!["role"]!.GetValue<string>() == "org_admin")!["tenant"]!["id"]!.GetValue<string>();
        var programId = Accepted(await admin.PostAsync(
            "mutation($o: ID!, $c: [ID!]!) { createProgram(input: {organizationId: $o, name: \"Big\", courseIds: $c}) { program { id } errors { code } } }",
            new { o = organizationId, c = new[] { course.Id } }))["createProgram"]!["program"]!["id"]!.GetValue<string>();

        var rows = Enumerable.Range(0, 10_001).Select(_ => new { learnerId = Guid.CreateVersion7(), courseId = course.Id }).ToArray();
        var refused = (await admin.PostAsync(
            "mutation($p: ID!, $r: [BulkEnrollmentRowInput!]!) { bulkEnroll(input: {programId: $p, idempotencyKey: \"too-big\", rows: $r}) { job { id } errors { code } } }",
            new { p = programId, r = rows })).Ok()["bulkEnroll"]!;
        Assert.Null(refused["job"]);
        Assert.Equal("INVALID_ROWS", refused["errors"]![0]!["code"]!.GetValue<string>());
    }
}
