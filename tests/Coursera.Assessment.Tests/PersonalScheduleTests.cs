using System.Text.Json.Nodes;
using static Coursera.Assessment.Tests.ProgrammingAssignmentTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Assessment.Tests;

/// <summary>
/// Personal deadlines (Coursera's open courses) on the server's clock (a test clock): counted from the learner's
/// enrollment, never a penalty, and reset by the learner once they have missed one; the reset moves every deadline and
/// keeps what was done.
/// </summary>
public sealed class PersonalScheduleTests(AssessmentApp app) : IClassFixture<AssessmentApp>
{
    private const string Schedule = """
        query($c: [_Any!]!, $i: [_Any!]!) {
          course: _entities(representations: $c) { ... on Course { viewerSchedule { enrolledAt startsAt resets lastResetAt behind deadlines { itemId dueAt passed missed } } } }
          item: _entities(representations: $i) { ... on Item { assessment { viewerDeadline } } } }
        """;

    private const string Reset = "mutation($c: ID!) { resetSchedule(input: {courseId: $c}) { schedule { startsAt resets behind deadlines { dueAt missed } } errors { code } } }";

    private const string Submit = """
        mutation($a: ID!, $n: Float!) { submitAttempt(input: {attemptId: $a, answers: [{questionId: "a", number: $n}]}) { attempt { score passed latePenalty } errors { code } } }
        """;

    [Fact]
    public async Task Personal_deadlines_count_from_the_enrollment_cost_nothing_and_move_forward_on_a_reset()
    {
        var (_, _, partner) = await app.ClientsAsync();
        var (courseId, quizId) = await app.PublishCourseAsync("QUIZ");
        const string Create = """
            mutation($i: ID!, $p: AttemptPolicyInput!) { createAssessment(input: {itemId: $i, title: "Paced", policy: $p,
              questions: [{id: "a", kind: NUMERIC, prompt: "One?", numericAnswer: 1}]}) { assessment { id policy { dueDaysAfterEnrollment } } errors { code path } } }
            """;

        // A personal schedule or a hard deadline with a penalty, not both.
        JsonNode? refused = null;
        await Eventually(async () =>
        {
            refused = (await partner.PostAsync(Create, new { i = quizId, p = new { dueDaysAfterEnrollment = 7, latePenaltyPerDay = 0.1 } })).Ok()["createAssessment"];
            return refused!["errors"]!.AsArray().FirstOrDefault()?["code"]?.GetValue<string>() != "ITEM_NOT_FOUND";
        });
        Assert.Equal("INVALID_POLICY", refused!["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("dueDaysAfterEnrollment", refused["errors"]![0]!["path"]!.AsArray()[^1]!.GetValue<string>());
        var created = Accepted(await partner.PostAsync(Create, new { i = quizId, p = new { dueDaysAfterEnrollment = 7 } }))["createAssessment"]!["assessment"]!;
        Assert.Equal(7, created["policy"]!["dueDaysAfterEnrollment"]!.GetValue<int>());
        await PublishAsync(partner, created["id"]!.GetValue<string>());

        var enrolledAt = app.Clock.GetUtcNow().UtcDateTime;
        var (_, learner) = await app.EnrolledLearnerAsync(courseId);
        var variables = new { c = new object[] { new Dictionary<string, object> { ["__typename"] = "Course", ["id"] = courseId } }, i = Representation(quizId) };
        JsonNode? schedule = null;
        await Eventually(async () => (schedule = (await learner.PostAsync(Schedule, variables)).Ok()["course"]![0]!["viewerSchedule"]) is not null);
        Assert.Equal(enrolledAt, schedule!["enrolledAt"]!.GetValue<DateTime>(), TimeSpan.FromSeconds(1));
        Assert.False(schedule["behind"]!.GetValue<bool>());
        var due = schedule["deadlines"]![0]!["dueAt"]!.GetValue<DateTime>();
        Assert.Equal(enrolledAt.AddDays(7), due, TimeSpan.FromSeconds(1));
        Assert.Equal(due, (await learner.PostAsync(Schedule, variables)).Ok()["item"]![0]!["assessment"]!["viewerDeadline"]!.GetValue<DateTime>());

        // On pace: nothing to reset.
        Assert.Equal("NOT_BEHIND", Refusal(await learner.PostAsync(Reset, new { c = courseId }), "resetSchedule"));

        // Ten days on, failed work past its personal deadline: missed, yet scored in full.
        app.Clock.Advance(TimeSpan.FromDays(10));
        var failed = Accepted(await learner.PostAsync(Submit, new { a = await StartAsync(learner, quizId), n = 5.0 }))["submitAttempt"]!["attempt"]!;
        Assert.Equal(0.0, failed["latePenalty"]!.GetValue<double>(), 6);
        Assert.False(failed["passed"]!.GetValue<bool>());
        schedule = (await learner.PostAsync(Schedule, variables)).Ok()["course"]![0]!["viewerSchedule"]!;
        Assert.True(schedule["behind"]!.GetValue<bool>());
        Assert.True(schedule["deadlines"]![0]!["missed"]!.GetValue<bool>());

        // The reset: the missed deadline is a week from now; recorded; twice in a row is refused (no longer behind).
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var reset = Accepted(await learner.PostAsync(Reset, new { c = courseId }))["resetSchedule"]!["schedule"]!;
        Assert.Equal(1, reset["resets"]!.GetValue<int>());
        Assert.False(reset["behind"]!.GetValue<bool>());
        Assert.Equal(now.AddDays(7), reset["deadlines"]![0]!["dueAt"]!.GetValue<DateTime>(), TimeSpan.FromSeconds(1));
        Assert.Equal(enrolledAt.AddDays(10), reset["startsAt"]!.GetValue<DateTime>(), TimeSpan.FromSeconds(1));
        Assert.Equal("NOT_BEHIND", Refusal(await learner.PostAsync(Reset, new { c = courseId }), "resetSchedule"));
        var after = (await learner.PostAsync(Schedule, variables)).Ok();
        Assert.Equal(now, after["course"]![0]!["viewerSchedule"]!["lastResetAt"]!.GetValue<DateTime>(), TimeSpan.FromSeconds(1));
        Assert.Equal(now.AddDays(7), after["item"]![0]!["assessment"]!["viewerDeadline"]!.GetValue<DateTime>(), TimeSpan.FromSeconds(1));

        // Passing it later still counts it passed; progress was never lost.
        app.Clock.Advance(TimeSpan.FromDays(9));
        Assert.True(Accepted(await learner.PostAsync(Submit, new { a = await StartAsync(learner, quizId), n = 1.0 }))["submitAttempt"]!["attempt"]!["passed"]!.GetValue<bool>());
        var done = (await learner.PostAsync(Schedule, variables)).Ok()["course"]![0]!["viewerSchedule"]!;
        Assert.False(done["behind"]!.GetValue<bool>());
        Assert.True(done["deadlines"]![0]!["passed"]!.GetValue<bool>());

        // Someone not enrolled has no schedule to see or reset.
        var stranger = app.Client((await app.NewLearnerAsync()).Token);
        Assert.Null((await stranger.PostAsync(Schedule, variables)).Ok()["course"]![0]!["viewerSchedule"]);
        Assert.Equal("NO_SCHEDULE", Refusal(await stranger.PostAsync(Reset, new { c = courseId }), "resetSchedule"));

        // Signed in as a learner, or nothing: anonymous callers sign in first, API clients have no schedule.
        var anonymous = new Coursera.Testing.GraphQLHttpClient(app.CreateClient());
        Assert.Null((await anonymous.PostAsync(Schedule, variables)).Ok()["course"]![0]!["viewerSchedule"]);
        Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(Reset, new { c = courseId })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await partner.PostAsync(Reset, new { c = courseId })).ErrorCode());
    }
}
