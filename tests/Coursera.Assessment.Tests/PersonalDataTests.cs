using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Npgsql;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Assessment.Tests;

/// <summary>A learner's attempts are part of their data export, and what they wrote in them goes with their account.</summary>
public sealed class PersonalDataTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Answer = "Unmistakably-personal-answer-7731";

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task The_export_carries_the_learners_answers_and_erasure_removes_them()
    {
        var course = await _path.PublishCourseAsync("private-answers", gradedQuiz: true);
        var partner = await _path.PartnerAsync();
        JsonNode? created = null;
        await Eventually(async () =>
        {
            created = (await partner.PostAsync("""
                mutation($i: ID!) { createAssessment(input: {itemId: $i, title: "Say something", questions: [
                  {id: "free", kind: SHORT_TEXT, prompt: "Your motto?", acceptedAnswers: ["carpe diem"]}]}) { assessment { id } errors { code } } }
                """, new { i = course.Quiz })).Ok()["createAssessment"];
            return created!["errors"]!.AsArray().Count == 0;
        });
        Accepted(await partner.PostAsync("mutation($a: ID!) { publishAssessment(input: {assessmentId: $a}) { errors { code } } }",
            new { a = created!["assessment"]!["id"]!.GetValue<string>() }));

        var tokens = await platform.SignInAsync(LearnerEmail, "openid profile enrollments:write personal_data", Identity.Data.SampleTenants.LearnerAppClientId);
        var learner = platform.Gateway(tokens.Access());
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" }));
        JsonNode? started = null;
        await Eventually(async () =>
        {
            started = (await learner.PostAsync("mutation($i: ID!) { startAttempt(input: {itemId: $i}) { attempt { id } errors { code } } }", new { i = course.Quiz }))
                .Ok()["startAttempt"];
            return started!["errors"]!.AsArray().Count == 0;
        });
        Accepted(await learner.PostAsync("mutation($a: ID!, $t: String!) { submitAttempt(input: {attemptId: $a, answers: [{questionId: \"free\", text: $t}]}) { errors { code } } }",
            new { a = started!["attempt"]!["id"]!.GetValue<string>(), t = Answer }));

        var exportId = Accepted(await learner.PostAsync("mutation { requestDataExport { export { id } errors { code } } }"))["requestDataExport"]!["export"]!["id"]!.GetValue<string>();
        string? path = null;
        await Eventually(async () => (path = (await learner.PostAsync("query($id: ID!) { dataExport(id: $id) { downloadPath } }", new { id = exportId }))
            .Ok()["dataExport"]!["downloadPath"]?.GetValue<string>()) is not null);
        var http = platform.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Access());
        var mine = JsonNode.Parse(await http.GetStringAsync(new Uri(path!, UriKind.Relative)))!["services"]!["assessment"]!;
        var attempt = Assert.Single(mine["attempts"]!.AsArray())!;
        Assert.Equal(Answer, attempt["answers"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(0.0, attempt["score"]!.GetValue<double>());
        Assert.Single(mine["grades"]!.AsArray());

        Assert.Equal(1L, await CountMentionsAsync());
        Accepted(await learner.PostAsync("mutation { eraseAccount(input: {}) { errors { code } } }"));
        await Eventually(async () => await CountMentionsAsync() == 0);
    }

    /// <summary>Attempt documents that hold the answer text.</summary>
    private async Task<long> CountMentionsAsync()
    {
        await using var db = new NpgsqlConnection(platform.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM assessment.doc_attempts t WHERE t::text LIKE '%' || $1 || '%'", db);
        command.Parameters.Add(new NpgsqlParameter { Value = Answer });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
