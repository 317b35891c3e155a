using System.Text.Json.Nodes;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Assessment.Tests;

/// <summary>
/// Time limits on the server's clock (a test clock here): answers saved in time count, later ones are refused, and an
/// attempt left open past its limit is graded without its learner once the grace period is over.
/// </summary>
public sealed class TimeLimitTests(AssessmentApp app) : IClassFixture<AssessmentApp>
{
    [Fact]
    public async Task An_attempt_left_open_past_its_time_limit_is_graded_with_the_answers_saved_in_time()
    {
        var (learner, learnerId, partner) = await app.ClientsAsync();
        var (courseId, quizId) = await app.PublishCourseAsync("QUIZ");
        await app.EnrollAsync(learnerId, courseId);
        var now = app.Clock.GetUtcNow().UtcDateTime;

        JsonNode? created = null;
        await Eventually(async () =>
        {
            created = (await partner.PostAsync("""
                mutation($i: ID!) { createAssessment(input: {itemId: $i, title: "Timed", policy: {timeLimitMinutes: 10}, questions: [
                  {id: "a", kind: NUMERIC, prompt: "One?", numericAnswer: 1}, {id: "b", kind: NUMERIC, prompt: "Two?", numericAnswer: 2}]}) { assessment { id } errors { code } } }
                """, new { i = quizId })).Ok()["createAssessment"];
            return created!["errors"]!.AsArray().Count == 0;
        });
        Accepted(await partner.PostAsync("mutation($a: ID!) { publishAssessment(input: {assessmentId: $a}) { errors { code } } }",
            new { a = created!["assessment"]!["id"]!.GetValue<string>() }));

        JsonNode? started = null;
        await Eventually(async () =>
        {
            started = (await learner.PostAsync("mutation($i: ID!) { startAttempt(input: {itemId: $i}) { attempt { id dueAt } errors { code } } }", new { i = quizId }))
                .Ok()["startAttempt"];
            return started!["errors"]!.AsArray().Count == 0;
        });
        var attemptId = started!["attempt"]!["id"]!.GetValue<string>();
        Assert.Equal(now.AddMinutes(10), started["attempt"]!["dueAt"]!.GetValue<DateTime>(), TimeSpan.FromSeconds(5));
        const string Save = "mutation($a: ID!, $q: String!, $n: Float!) { saveAnswers(input: {attemptId: $a, answers: [{questionId: $q, number: $n}]}) { errors { code } } }";

        // In time: saved. After the limit: refused, and nothing changes.
        app.Clock.Advance(TimeSpan.FromMinutes(9));
        Accepted(await learner.PostAsync(Save, new { a = attemptId, q = "a", n = 1.0 }));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("ATTEMPT_CLOSED", (await learner.PostAsync(Save, new { a = attemptId, q = "b", n = 2.0 })).Ok()["saveAnswers"]!["errors"]![0]!["code"]!.GetValue<string>());

        // Within the grace period the attempt stays open; after it, it is graded on what was saved in time.
        const string Attempt = "query($a: ID!) { attempt(id: $a) { state score submittedAt } }";
        await Task.Delay(500);
        Assert.Equal("IN_PROGRESS", (await learner.PostAsync(Attempt, new { a = attemptId })).Ok()["attempt"]!["state"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually(async () => (await learner.PostAsync(Attempt, new { a = attemptId })).Ok()["attempt"]!["state"]!.GetValue<string>() == "GRADED");
        var graded = (await learner.PostAsync(Attempt, new { a = attemptId })).Ok()["attempt"]!;
        Assert.Equal(0.5, graded["score"]!.GetValue<double>(), 6);
    }
}
