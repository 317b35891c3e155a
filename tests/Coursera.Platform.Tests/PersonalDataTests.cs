using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Npgsql;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Platform.Tests;

/// <summary>
/// A learner downloads everything the platform holds about them (identity and learner answering), once; then erases
/// their account, after which no table or document of any service holds their email or name (not even an invitation
/// to a program sent to their email that they never accepted), and the partner they were enrolled with is told.
/// </summary>
public sealed class PersonalDataTests(PlatformApp platform) : IClassFixture<PlatformApp>, IAsyncLifetime
{
    private const string Email = LearnerEmail;
    private const string Name = "Ana Learner";

    private readonly LearningPath _path = new(platform);

    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_learner_downloads_their_data_once_then_erasure_leaves_no_personal_field_anywhere()
    {
        var course = await _path.PublishCourseAsync("personal-course");
        var tokens = await platform.SignInAsync(Email, "openid profile enrollments:write personal_data", Identity.Data.SampleTenants.LearnerAppClientId);
        var learner = platform.Gateway(tokens.Access());
        var learnerId = (await learner.PostAsync("{ viewer { id } }")).Ok()["viewer"]!["id"]!.GetValue<string>();
        Accepted(await (await _path.PlatformAdminAsync()).PostAsync(
            "mutation($l: ID!, $c: ID!) { grantEntitlement(input: {learnerId: $l, courseId: $c}) { errors { code } } }", new { l = learnerId, c = course.Id }));
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "PAID" }));
        foreach (var item in new[] { course.Lecture, course.Quiz })
        {
            Accepted(await learner.PostAsync("mutation($i: ID!) { recordProgress(input: {itemId: $i, event: COMPLETED}) { errors { code } } }", new { i = item }));
        }

        // The export: requested, assembled from every service's answer, downloaded once.
        var exportId = Accepted(await learner.PostAsync("mutation { requestDataExport { export { id state } errors { code } } }"))
            ["requestDataExport"]!["export"]!["id"]!.GetValue<string>();
        string? path = null;
        await Eventually(async () => (path = (await learner.PostAsync("query($id: ID!) { dataExport(id: $id) { state downloadPath } }", new { id = exportId }))
            .Ok()["dataExport"]!["downloadPath"]?.GetValue<string>()) is not null);
        var http = platform.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Access());
        var archive = JsonNode.Parse(await http.GetStringAsync(new Uri(path!, UriKind.Relative)))!;
        Assert.Equal(Email, archive["services"]!["identity"]!["account"]!["email"]!.GetValue<string>());
        Assert.Contains(archive["services"]!["identity"]!["memberships"]!.AsArray(), m => m!["role"]!.GetValue<string>() == "learner");
        Assert.NotEmpty(archive["services"]!["identity"]!["securityEvents"]!.AsArray()); // the sign-ins
        var mine = archive["services"]!["learner"]!;
        Assert.Equal(course.Id, mine["enrollments"]![0]!["courseId"]!.GetValue<string>());
        Assert.Equal(Name, mine["certificates"]![0]!["learnerName"]!.GetValue<string>());
        Assert.Single(mine["progress"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(path!, UriKind.Relative))).StatusCode); // once

        // The learner's organization invites their email to a program; they never accept. The course's partner listens for erasures.
        var admin = platform.Gateway((await platform.SignInAsync("admin@acme.example")).Access());
        var organizationId = (await admin.PostAsync("{ viewer { memberships { role tenant { id } } } }")).Ok()["viewer"]!["memberships"]!.AsArray()
            .Single(m => m!["role"]!.GetValue<string>() == "org_admin")!["tenant"]!["id"]!.GetValue<string>();
        var programId = Accepted(await admin.PostAsync(
            "mutation($o: ID!, $c: [ID!]!) { createProgram(input: {organizationId: $o, name: \"Data literacy\", courseIds: $c}) { program { id } errors { code } } }",
            new { o = organizationId, c = new[] { course.Id } }))["createProgram"]!["program"]!["id"]!.GetValue<string>();
        Accepted(await admin.PostAsync("mutation($p: ID!, $e: String!) { addProgramMembers(input: {programId: $p, members: [{email: $e}]}) { errors { code } } }",
            new { p = programId, e = Email }));
        var partner = await _path.PartnerAsync();
        Accepted(await partner.PostAsync("mutation($url: String!) { createWebhookEndpoint(input: {url: $url, eventTypes: [\"learner.erased\"]}) { errors { code } } }",
            new { url = _receiver.Url }));

        // Someone else cannot erase the learner; the learner can.
        Assert.Equal("FORBIDDEN", (await partner.PostAsync("mutation($u: ID!) { eraseAccount(input: {userId: $u}) { errors { code } } }", new { u = learnerId })).ErrorCode());
        var before = await RowsMentioningAsync(Email, Name);
        Assert.Contains("identity.users: " + Email, before); // the search finds what is there
        Assert.Contains("learner.certificates: " + Name, before);
        Assert.Contains("learner.program_memberships: " + Email, before);
        Accepted(await learner.PostAsync("mutation { eraseAccount(input: {}) { learnerId erasedAt errors { code } } }"));

        // Identity hears of it through the stream, and then the learner service of the email the account had; after
        // that no table of any service, and no document, holds the email or name.
        await Eventually(async () => await CountAsync("SELECT count(*) FROM identity.users WHERE email = $1", Email) == 0);
        await Eventually(async () => await CountAsync("SELECT count(*) FROM learner.program_memberships WHERE email = $1", Email) == 0);
        Assert.Empty(await RowsMentioningAsync(Email, Name));

        // The partner that had the learner's enrollment is told, with nothing personal but the id.
        await Eventually(() => Task.FromResult(!_receiver.Received.IsEmpty));
        var notice = JsonNode.Parse(Assert.Single(_receiver.Received).Body)!;
        Assert.Equal("learner.erased", notice["type"]!.GetValue<string>());
        Assert.Equal(learnerId, notice["data"]!["learnerId"]!.GetValue<string>());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM learner.certificates WHERE learner_id::text = $1 AND learner_name = 'Erased learner'", learnerId));

        // The account's token stopped working at the erasure, in every service.
        Assert.Equal(401, (await learner.PostAsync("{ __typename }")).StatusCode);

        // The account cannot sign in again.
        await Assert.ThrowsAnyAsync<Exception>(() => platform.SignInAsync(Email, "openid", Identity.Data.SampleTenants.LearnerAppClientId));
    }

    private async Task<long> CountAsync(string sql, string value)
    {
        await using var db = new NpgsqlConnection(platform.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every table of every service's schema (documents included), searched whole-row as text.</summary>
    private async Task<List<string>> RowsMentioningAsync(params string[] values)
    {
        await using var db = new NpgsqlConnection(platform.ConnectionString);
        await db.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
            """, db))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("learner.doc_progress", tables); // the document store's tables are searched too
        var found = new List<string>();
        foreach (var table in tables)
        {
            foreach (var value in values)
            {
                await using var search = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE t::text ILIKE '%' || $1 || '%'", db);
                search.Parameters.Add(new NpgsqlParameter { Value = value });
                if ((long)(await search.ExecuteScalarAsync())! > 0)
                {
                    found.Add($"{table}: {value}");
                }
            }
        }

        return found;
    }
}
