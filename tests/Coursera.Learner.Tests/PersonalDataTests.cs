using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Npgsql;
using static Coursera.Learner.Tests.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// A learner downloads everything the platform holds about them (identity and learner answering), once; then erases
/// their account, after which no table or document of any service holds their email or name.
/// </summary>
public sealed class PersonalDataTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Email = LearnerEmail;
    private const string Name = "Ana Learner";

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task A_learner_downloads_their_data_once_then_erasure_leaves_no_personal_field_anywhere()
    {
        var course = await _path.PublishCourseAsync("personal-course");
        var tokens = await platform.SignInAsync(Email, "openid profile enrollments:write", Identity.Data.SampleTenants.LearnerAppClientId);
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

        // Someone else cannot erase the learner; the learner can.
        var partner = await _path.PartnerAsync();
        Assert.Equal("FORBIDDEN", (await partner.PostAsync("mutation($u: ID!) { eraseAccount(input: {userId: $u}) { errors { code } } }", new { u = learnerId })).ErrorCode());
        var before = await RowsMentioningAsync(Email, Name);
        Assert.Contains("identity.users: " + Email, before); // the search finds what is there
        Assert.Contains("learner.certificates: " + Name, before);
        Accepted(await learner.PostAsync("mutation { eraseAccount(input: {}) { learnerId erasedAt errors { code } } }"));

        // Identity hears of it through the stream; then no table of any service, and no document, holds the email or name.
        await Eventually(async () => await CountAsync("SELECT count(*) FROM identity.users WHERE email = $1", Email) == 0);
        Assert.Empty(await RowsMentioningAsync(Email, Name));
        Assert.Equal("Erased learner", (await learner.PostAsync("query($c: ID!) { course(id: $c) { viewerEnrollment { certificate { learnerName revoked } } } }",
            new { c = course.Id })).Ok()["course"]!["viewerEnrollment"]!["certificate"]!["learnerName"]!.GetValue<string>());

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
