using System.Net;
using System.Text.Json.Nodes;
using Coursera.Identity.Data;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// Erasure is final (security review F11): the erased account's token stops working at once, a learner operation of
/// an erased learner stores nothing about them again, and the organization's HR ids for them leave the bulk rows.
/// </summary>
public sealed class AccountErasureTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Erase = "mutation { eraseAccount(input: {}) { erasedAt errors { code message } } }";

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task After_erasure_the_same_token_is_refused_and_no_enrollment_names_the_learner_again()
    {
        var first = await _path.PublishCourseAsync("erasure-first");
        var second = await _path.PublishCourseAsync("erasure-second");
        var (admin, organizationId) = await SampleOrganization.AdministratorAsync(platform);
        var programId = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Erasure", first.Id);
        var account = await NewLearner.CreateAsync(platform.Services);
        var learner = platform.Gateway((await platform.SignInAsync(account.Email, LearnerScopes + " personal_data", SampleTenants.LearnerAppClientId,
            password: account.Password)).Access());

        // The organization knows the learner by its HR id and enrolled them in bulk by it.
        await SampleOrganization.AddMemberAsync(admin, programId, learner, account.Id, "HR-ERASED-7");
        var jobId = Accepted(await admin.PostAsync(
            "mutation($p: ID!, $r: [BulkEnrollmentRowInput!]!) { bulkEnroll(input: {programId: $p, idempotencyKey: \"erasure\", rows: $r}) { job { id } errors { code } } }",
            new { p = programId, r = new[] { new { externalId = "HR-ERASED-7", courseId = first.Id } } }))["bulkEnroll"]!["job"]!["id"]!.GetValue<string>();
        await Eventually(async () => (await admin.PostAsync("query($id: ID!) { bulkEnrollmentJob(id: $id) { state } }", new { id = jobId }))
            .Ok()["bulkEnrollmentJob"]!["state"]!.GetValue<string>() == "DONE");

        var erased = Accepted(await learner.PostAsync(Erase))["eraseAccount"]!;
        Assert.NotNull(erased["erasedAt"]);

        // The review's try: the same token enrolls at once. Refused as an invalid token, and nothing is stored.
        var after = await learner.PostAsync(EnrollMutation, new { c = second.Id, s = second.OpenSessionId, t = "AUDIT" });
        Assert.Equal(401, after.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM learner.enrollments WHERE learner_id = $1 AND learner_name <> 'Erased learner'", account.Id));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM learner.enrollments WHERE learner_id = $1 AND course_id = $2", account.Id, Guid.Parse(second.Id)));

        // The bulk row that named them by HR id no longer does.
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM learner.bulk_enrollment_rows WHERE external_id = $1", "HR-ERASED-7"));
        var row = Assert.Single((await admin.PostAsync("query($id: ID!) { bulkEnrollmentJob(id: $id) { rows { externalId learnerId status } } }", new { id = jobId }))
            .Ok()["bulkEnrollmentJob"]!["rows"]!.AsArray())!;
        Assert.Null(row["externalId"]);

        // Even once the revocation entry is gone (its time is up), the learner service's tombstone refuses them.
        await platform.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().KeyDeleteAsync($"coursera:revoked-subject:{account.Id}");
        var tombstoned = await learner.PostAsync(EnrollMutation, new { c = second.Id, s = second.OpenSessionId, t = "AUDIT" });
        Assert.Equal("FORBIDDEN", tombstoned.ErrorCode());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM learner.enrollments WHERE learner_id = $1 AND course_id = $2", account.Id, Guid.Parse(second.Id)));
    }

    [Fact]
    public async Task Another_learners_token_keeps_working_after_an_erasure()
    {
        var account = await NewLearner.CreateAsync(platform.Services);
        var erasing = platform.Gateway((await platform.SignInAsync(account.Email, LearnerScopes + " personal_data", SampleTenants.LearnerAppClientId,
            password: account.Password)).Access());
        var (other, _) = await platform.NewLearnerAsync();
        Accepted(await erasing.PostAsync(Erase));
        Assert.Equal(401, (await erasing.PostAsync("{ viewer { id } }")).StatusCode);
        Assert.Equal(200, (await other.PostAsync("{ viewer { id } }")).StatusCode);
        Assert.True(await RevokedSubjects.IsRevokedAsync(platform.Services.GetRequiredService<IConnectionMultiplexer>(), account.Id.ToString()));
    }

    private async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var connection = new Npgsql.NpgsqlConnection(platform.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = parameter });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
