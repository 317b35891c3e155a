using System.Text.Json.Nodes;
using Coursera.Identity.Data;
using Coursera.Platform.Testing;
using Coursera.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// Enterprise seat licences, sold in billing and held in the learner service: an ENTERPRISE enrollment takes a seat of
/// the organization's licence that covers the program (one per learner, whatever the courses), the rows beyond the
/// seats are refused with a code, a membership's end gives the seat back, the organization is told at 90 %, and
/// without a current licence nobody enrolls on the ENTERPRISE track.
/// </summary>
public sealed class LicenceTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string CreateLicence = """
        mutation($o: ID!, $n: Int!, $p: [ID!]!) { createLicence(input: {organizationId: $o, seats: $n, programIds: $p}) { licence { id seats endsAt } errors { code path } } }
        """;

    private const string Licences = "query($o: ID!) { organizationLicences(organizationId: $o) { id seats seatsTaken programIds endsAt } }";

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task The_seats_of_a_programs_licence_run_out_come_back_when_a_member_leaves_and_warn_at_90_percent()
    {
        var (admin, organizationId) = await SampleOrganization.AdministratorAsync(platform);
        var first = await _path.PublishCourseAsync("licensed-course-one");
        var second = await _path.PublishCourseAsync("licensed-course-two");
        var programId = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Licensed", first.Id, second.Id);
        var sales = await _path.PlatformAdminAsync();

        // Only platform administrators sell licences, and a bad one is refused.
        Assert.Equal("FORBIDDEN", (await admin.PostAsync(CreateLicence, new { o = organizationId, n = 2, p = new[] { programId } })).ErrorCode());
        Assert.Equal("INVALID_LICENCE", Refusal(await sales.PostAsync(CreateLicence, new { o = organizationId, n = 0, p = new[] { programId } }), "createLicence"));
        var licence = Accepted(await sales.PostAsync(CreateLicence, new { o = organizationId, n = 2, p = new[] { programId } }))["createLicence"]!["licence"]!;
        Assert.Equal(DateTime.UtcNow.AddYears(1), licence["endsAt"]!.GetValue<DateTime>(), TimeSpan.FromMinutes(5));
        var licenceId = licence["id"]!.GetValue<string>();
        await KnownAsync(licenceId);

        var members = new List<(GraphQLHttpClient Gateway, Guid Id)>();
        for (var i = 0; i < 3; i++)
        {
            members.Add(await MemberAsync(admin, organizationId, programId));
        }

        // Two seats: two members enroll (the licence of the program, not the organization's wide one, pays), the third is refused.
        Assert.True(Enrolled(await members[0].Gateway.PostAsync(EnrollMutation, new { c = first.Id, s = first.OpenSessionId, t = "ENTERPRISE" })));
        Assert.True(Enrolled(await members[1].Gateway.PostAsync(EnrollMutation, new { c = first.Id, s = first.OpenSessionId, t = "ENTERPRISE" })));
        Assert.Equal("NO_SEAT_AVAILABLE", EnrollRefusal(await members[2].Gateway.PostAsync(EnrollMutation, new { c = first.Id, s = first.OpenSessionId, t = "ENTERPRISE" })));

        // A seat holds for every course of the licence: the second course takes none.
        Assert.True(Enrolled(await members[1].Gateway.PostAsync(EnrollMutation, new { c = second.Id, s = second.OpenSessionId, t = "ENTERPRISE" })));
        Assert.Equal(2, (await SeatsTakenAsync(admin, organizationId, licenceId)));
        Assert.Single(await EventsAsync("licence.seats_low"), e => e["licenceId"]!.GetValue<string>() == licenceId && e["seatsTaken"]!.GetValue<int>() == 2);

        // The first member leaves the program: their seat comes back, their enrollment goes on on AUDIT; the third member takes the seat.
        Accepted(await admin.PostAsync("mutation($p: ID!, $u: ID!) { removeProgramMembers(input: {programId: $p, members: [{userId: $u}]}) { errors { code } } }",
            new { p = programId, u = members[0].Id }));
        Assert.Equal(1, await SeatsTakenAsync(admin, organizationId, licenceId));
        Assert.Equal("AUDIT", (await members[0].Gateway.PostAsync("query($c: ID!) { course(id: $c) { viewerEnrollment { track } } }", new { c = first.Id }))
            .Ok()["course"]!["viewerEnrollment"]!["track"]!.GetValue<string>());
        Assert.True(Enrolled(await members[2].Gateway.PostAsync(EnrollMutation, new { c = first.Id, s = first.OpenSessionId, t = "ENTERPRISE" })));
        Assert.Equal(2, await SeatsTakenAsync(admin, organizationId, licenceId));
        Assert.Single(await EventsAsync("program.membership.removed"), e => e["userId"]!.GetValue<string>() == members[0].Id.ToString());

        // A learner outside the organization sees none of its licences.
        var (stranger, _) = await platform.NewLearnerAsync();
        Assert.Equal("FORBIDDEN", (await stranger.PostAsync(Licences, new { o = organizationId })).ErrorCode());
    }

    [Fact]
    public async Task Bulk_enrollment_honours_the_seats_and_an_ended_licence_admits_nobody()
    {
        var (admin, organizationId) = await SampleOrganization.AdministratorAsync(platform);
        var course = await _path.PublishCourseAsync("bulk-licensed-course");
        var programId = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Licensed", course.Id);
        var sales = await _path.PlatformAdminAsync();
        var licenceId = Accepted(await sales.PostAsync(CreateLicence, new { o = organizationId, n = 1, p = new[] { programId } }))["createLicence"]!["licence"]!["id"]!
            .GetValue<string>();
        var one = await MemberAsync(admin, organizationId, programId);
        var two = await MemberAsync(admin, organizationId, programId);
        await KnownAsync(licenceId);

        const string Bulk = "mutation($p: ID!, $k: String!, $r: [BulkEnrollmentRowInput!]!) { bulkEnroll(input: {programId: $p, idempotencyKey: $k, rows: $r}) { job { id } errors { code } } }";
        const string Job = "query($id: ID!) { bulkEnrollmentJob(id: $id) { state rows { rowNumber status errorCode } } }";
        var jobId = Accepted(await admin.PostAsync(Bulk, new
        {
            p = programId, k = "licence-rows", r = new object[] { new { learnerId = one.Id, courseId = course.Id }, new { learnerId = two.Id, courseId = course.Id } },
        }))["bulkEnroll"]!["job"]!["id"]!.GetValue<string>();
        JsonNode? job = null;
        await Eventually(async () => (job = (await admin.PostAsync(Job, new { id = jobId })).Ok()["bulkEnrollmentJob"]!)["state"]!.GetValue<string>() == "DONE");
        var rows = job!["rows"]!.AsArray();
        Assert.Equal(("ENROLLED", "FAILED", "NO_SEAT_AVAILABLE"),
            (rows[0]!["status"]!.GetValue<string>(), rows[1]!["status"]!.GetValue<string>(), rows[1]!["errorCode"]!.GetValue<string>()));

        // Every licence of the organization ends in a second (the sample one too): then a member of a new program is refused for want of a licence.
        foreach (var licence in (await admin.PostAsync(Licences, new { o = organizationId })).Ok()["organizationLicences"]!.AsArray())
        {
            Accepted(await sales.PostAsync("mutation($l: ID!, $e: DateTime!) { updateLicence(input: {licenceId: $l, endsAt: $e}) { errors { code } } }",
                new { l = licence!["id"]!.GetValue<string>(), e = DateTime.UtcNow.AddSeconds(1) }));
        }

        var later = await _path.PublishCourseAsync("unlicensed-course");
        var laterProgram = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Licensed", later.Id);
        var three = await MemberAsync(admin, organizationId, laterProgram);
        await Eventually(async () => await LearnerStoreSaysAsync("SELECT count(*) = 0 FROM learner.licences WHERE organization_id = $1 AND ends_at > now()",
            Guid.Parse(organizationId)));
        Assert.Equal("NO_LICENCE", EnrollRefusal(await three.Gateway.PostAsync(EnrollMutation, new { c = later.Id, s = later.OpenSessionId, t = "ENTERPRISE" })));
    }

    /// <summary>A new account made a learner of the organization (its administrator invites it) and a member of the program, signed in.</summary>
    private async Task<(GraphQLHttpClient Gateway, Guid Id)> MemberAsync(GraphQLHttpClient admin, string organizationId, string programId)
    {
        var learner = await NewLearner.CreateAsync(platform.Services);
        var invitation = Accepted(await admin.PostAsync(
            "mutation($t: ID!, $e: String!) { inviteUser(input: {tenantId: $t, email: $e, role: \"learner\"}) { membership { id } errors { code } } }",
            new { t = organizationId, e = learner.Email }))["inviteUser"]!["membership"]!["id"]!.GetValue<string>();
        // An existing account joins the organization only by accepting the invitation itself.
        var invitee = platform.Gateway((await platform.SignInAsync(learner.Email, LearnerScopes, SampleTenants.LearnerAppClientId, password: learner.Password)).Access());
        Accepted(await invitee.PostAsync("mutation($i: ID!) { acceptTenantInvitation(input: {invitationId: $i}) { errors { code } } }", new { i = invitation }));

        var tokens = await platform.SignInAsync(learner.Email, LearnerScopes, SampleTenants.LearnerAppClientId, password: learner.Password);
        var gateway = platform.Gateway(tokens.Access());
        await SampleOrganization.AddMemberAsync(admin, programId, gateway, learner.Id);
        return (gateway, learner.Id);
    }

    /// <summary>Waits until the learner service holds the licence billing sold (its event relayed and handled).</summary>
    private async Task KnownAsync(string licenceId) =>
        await Eventually(async () => await LearnerStoreSaysAsync("SELECT count(*) = 1 FROM learner.licences WHERE id = $1", Guid.Parse(licenceId)));

    private async Task<bool> LearnerStoreSaysAsync(string sql, Guid parameter)
    {
        await using var connection = new Npgsql.NpgsqlConnection(platform.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = parameter });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<int> SeatsTakenAsync(GraphQLHttpClient admin, string organizationId, string licenceId) =>
        (await admin.PostAsync(Licences, new { o = organizationId })).Ok()["organizationLicences"]!.AsArray()
            .Single(l => l!["id"]!.GetValue<string>() == licenceId)!["seatsTaken"]!.GetValue<int>();

    private async Task<List<JsonNode>> EventsAsync(string type)
    {
        var stream = platform.Services.GetRequiredService<IOptions<Coursera.Events.EventStreamOptions>>().Value.Stream;
        var entries = await platform.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().StreamRangeAsync(stream);
        return [.. entries.Where(e => e["type"] == type).Select(e => JsonNode.Parse(e["envelope"].ToString())!["data"]!)];
    }

    private static bool Enrolled(GraphQLResponse response) => response.Ok()["enroll"]!["errors"]!.AsArray().Count == 0;

    private static string? EnrollRefusal(GraphQLResponse response) => response.Ok()["enroll"]!["errors"]!.AsArray().FirstOrDefault()?["code"]!.GetValue<string>();

    private static string? Refusal(GraphQLResponse response, string field) =>
        response.Ok()[field]!["errors"]!.AsArray().FirstOrDefault()?["code"]!.GetValue<string>();
}
