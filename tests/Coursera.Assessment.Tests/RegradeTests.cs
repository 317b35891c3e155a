using System.Text.Json.Nodes;
using Npgsql;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Assessment.Tests;

/// <summary>
/// A wrong answer key, found after learners were graded by it: the author publishes the fixed version, sees what a
/// regrade would change (nothing stored), applies it, and the learners' grades follow, with the reason.
/// </summary>
public sealed class RegradeTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Regrade = """
        mutation($a: ID!, $apply: Boolean, $higher: Boolean) { regradeAssessment(input: {assessmentId: $a, apply: $apply, keepHigher: $higher, reason: "Question 2's key was wrong."}) {
          regrade { applied attemptsChecked changes { number oldScore newScore oldPassed newPassed } } errors { code } } }
        """;

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task A_corrected_key_regrades_every_attempt_after_a_dry_run_and_the_learner_passes()
    {
        var course = await _path.PublishCourseAsync("regraded-course", gradedQuiz: true);
        var partner = await _path.PartnerAsync();
        var wrongKey = new object[]
        {
            new { id = "one", kind = "TRUE_FALSE", prompt = "One is odd.", correctChoiceIds = new[] { "true" } },
            new { id = "two", kind = "TRUE_FALSE", prompt = "Two is odd.", correctChoiceIds = new[] { "true" } }, // wrong: two is even
        };
        JsonNode? created = null;
        await Eventually(async () =>
        {
            created = (await partner.PostAsync("mutation($i: ID!, $q: [QuestionInput!]!) { createAssessment(input: {itemId: $i, title: \"Parity\", questions: $q}) { assessment { id } errors { code } } }",
                new { i = course.Quiz, q = wrongKey })).Ok()["createAssessment"];
            return created!["errors"]!.AsArray().Count == 0;
        });
        var assessmentId = created!["assessment"]!["id"]!.GetValue<string>();
        Accepted(await partner.PostAsync("mutation($a: ID!) { publishAssessment(input: {assessmentId: $a}) { errors { code } } }", new { a = assessmentId }));

        var (learner, _) = await _path.LearnerAsync();
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" }));
        JsonNode? started = null;
        await Eventually(async () =>
        {
            started = (await learner.PostAsync("mutation($i: ID!) { startAttempt(input: {itemId: $i}) { attempt { id } errors { code } } }", new { i = course.Quiz })).Ok()["startAttempt"];
            return started!["errors"]!.AsArray().Count == 0;
        });
        var graded = Accepted(await learner.PostAsync("""
            mutation($a: ID!) { submitAttempt(input: {attemptId: $a, answers: [{questionId: "one", choiceIds: ["true"]}, {questionId: "two", choiceIds: ["false"]}]}) {
              attempt { score passed } errors { code } } }
            """, new { a = started!["attempt"]!["id"]!.GetValue<string>() }))["submitAttempt"]!["attempt"]!;
        Assert.Equal(0.5, graded["score"]!.GetValue<double>(), 6);
        Assert.False(graded["passed"]!.GetValue<bool>());

        // A second attempt, started on the version with the wrong key, is still open when the key is fixed.
        var open = Accepted(await learner.PostAsync("mutation($i: ID!) { startAttempt(input: {itemId: $i}) { attempt { id } errors { code } } }", new { i = course.Quiz }))
            ["startAttempt"]!["attempt"]!["id"]!.GetValue<string>();

        // Regrading needs the fixed version published; the dry run then lists the change and stores nothing.
        Accepted(await partner.PostAsync("mutation($a: ID!, $q: [QuestionInput!]!) { updateAssessment(input: {assessmentId: $a, questions: $q}) { errors { code } } }",
            new { a = assessmentId, q = new object[] { wrongKey[0], new { id = "two", kind = "TRUE_FALSE", prompt = "Two is odd.", correctChoiceIds = new[] { "false" } } } }));
        Assert.Equal("NOT_PUBLISHED", (await partner.PostAsync(Regrade, new { a = assessmentId })).Ok()["regradeAssessment"]!["errors"]![0]!["code"]!.GetValue<string>());
        Accepted(await partner.PostAsync("mutation($a: ID!) { publishAssessment(input: {assessmentId: $a}) { errors { code } } }", new { a = assessmentId }));

        var dry = Accepted(await partner.PostAsync(Regrade, new { a = assessmentId }))["regradeAssessment"]!["regrade"]!;
        Assert.False(dry["applied"]!.GetValue<bool>());
        var change = Assert.Single(dry["changes"]!.AsArray())!;
        Assert.Equal((0.5, 1.0, false, true), (change["oldScore"]!.GetValue<double>(), change["newScore"]!.GetValue<double>(),
            change["oldPassed"]!.GetValue<bool>(), change["newPassed"]!.GetValue<bool>()));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM assessment.attempts WHERE score = 1"));

        var applied = Accepted(await partner.PostAsync(Regrade, new { a = assessmentId, apply = true }))["regradeAssessment"]!["regrade"]!;

        // Passed now, the learner sees the keys: the corrected ones that graded the attempt, adding up to its score.
        var shown = (await learner.PostAsync("query($a: ID!) { attempt(id: $a) { score questions { id score correctChoiceIds } } }",
            new { a = started!["attempt"]!["id"]!.GetValue<string>() })).Ok()["attempt"]!;
        Assert.Equal(1.0, shown["score"]!.GetValue<double>(), 6);
        Assert.Equal(["false"], shown["questions"]!.AsArray().Single(q => q!["id"]!.GetValue<string>() == "two")!["correctChoiceIds"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.All(shown["questions"]!.AsArray(), q => Assert.Equal(1.0, q!["score"]!.GetValue<double>(), 6));
        Assert.True(applied["applied"]!.GetValue<bool>());
        Assert.Empty(Accepted(await partner.PostAsync(Regrade, new { a = assessmentId, apply = true }))["regradeAssessment"]!["regrade"]!["changes"]!.AsArray()); // nothing left to change

        // The learner sees the new grade, the learner service counts the pass, and integrators hear why.
        var grade = (await learner.PostAsync("query($c: ID!) { course(id: $c) { viewerGrade { score passed } } }", new { c = course.Id })).Ok()["course"]!["viewerGrade"]!;
        Assert.Equal(1.0, grade["score"]!.GetValue<double>(), 6);
        Assert.True(grade["passed"]!.GetValue<bool>());
        await Eventually(async () => (await learner.PostAsync("query($c: ID!) { course(id: $c) { modules { items { id viewerProgress { state } } } } }", new { c = course.Id }))
            .Ok()["course"]!["modules"]![0]!["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == course.Quiz)!["viewerProgress"]?["state"]?.GetValue<string>() == "PASSED");
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM assessment.outbox WHERE type = 'grade.changed' AND envelope->'data'->>'reason' = 'Question 2''s key was wrong.'"));
        Assert.Equal(1L, await CountAsync($"SELECT count(*) FROM assessment.outbox WHERE type = 'course_grade.passed' AND envelope->>'subject' = '{course.Id}'"));

        // The attempt left open on the old version is graded with the corrected key too.
        Assert.Equal(1.0, Accepted(await learner.PostAsync("""
            mutation($a: ID!) { submitAttempt(input: {attemptId: $a, answers: [{questionId: "one", choiceIds: ["true"]}, {questionId: "two", choiceIds: ["false"]}]}) {
              attempt { score } errors { code } } }
            """, new { a = open }))["submitAttempt"]!["attempt"]!["score"]!.GetValue<double>(), 6);

        // Others cannot regrade the partner's assessment.
        var other = platform.PartnerClient("northfield");
        var stranger = platform.Gateway((await platform.Oidc().ClientCredentialsAsync(other.ClientId, other.ClientSecret)).Access());
        Assert.Equal("FORBIDDEN", (await stranger.PostAsync(Regrade, new { a = assessmentId, apply = true })).ErrorCode());
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
