using Coursera.Events;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// A graded item counts towards completion once the assessment service posts a passing grade (<c>grade.posted</c> on
/// the event stream), not when the learner's client says it is done.
/// </summary>
public sealed class GradedItemTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Record = "mutation($i: ID!) { recordProgress(input: {itemId: $i, event: COMPLETED}) { progress { state } enrollment { state } errors { code } } }";

    private const string Page = """
        query($c: ID!) { course(id: $c) { viewerEnrollment { state progress { completedShare } certificate { code } }
          modules { items { id graded viewerProgress { state bestScore } } } } }
        """;

    // Loaded once: the schema library keeps every schema it reads by its $id and refuses to read one twice.
    private static readonly Lazy<Json.Schema.JsonSchema> GradeSchema =
        new(() => Json.Schema.JsonSchema.FromText(Coursera.Events.Contracts.EventCatalog.Types.Single(t => t.Name == "grade.posted").Schema));

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task A_graded_quiz_completes_the_course_with_a_passing_grade_and_not_before()
    {
        var course = await _path.PublishCourseAsync("graded-course", gradedQuiz: true);
        var (learner, learnerId) = await _path.LearnerAsync();
        Accepted(await (await _path.PlatformAdminAsync()).PostAsync(
            "mutation($l: ID!, $c: ID!) { grantEntitlement(input: {learnerId: $l, courseId: $c}) { errors { code } } }", new { l = learnerId, c = course.Id }));
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "PAID" }));

        // Every required item reported done: the quiz is submitted, not passed, so the course is not complete.
        Accepted(await learner.PostAsync(Record, new { i = course.Lecture }));
        var submitted = Accepted(await learner.PostAsync(Record, new { i = course.Quiz }))["recordProgress"]!;
        Assert.Equal("COMPLETED", submitted["progress"]!["state"]!.GetValue<string>());
        Assert.Equal("ACTIVE", submitted["enrollment"]!["state"]!.GetValue<string>());

        // A failing grade is recorded as the best score so far, and changes nothing else.
        await PostGradeAsync(learnerId, course, score: 0.4, passed: false);
        await Eventually(async () => QuizProgress(await PageAsync(learner, course), course)?["bestScore"]?.GetValue<double>() == 0.4);
        var page = await PageAsync(learner, course);
        Assert.Equal("ACTIVE", page["viewerEnrollment"]!["state"]!.GetValue<string>());
        Assert.Equal(0.5, page["viewerEnrollment"]!["progress"]!["completedShare"]!.GetValue<double>());
        Assert.True(page["modules"]![0]!["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == course.Quiz)!["graded"]!.GetValue<bool>());

        // The passing grade completes the course and issues the certificate; a later failed attempt takes nothing back.
        await PostGradeAsync(learnerId, course, score: 0.9, passed: true);
        await Eventually(async () => (await PageAsync(learner, course))["viewerEnrollment"]!["state"]!.GetValue<string>() == "COMPLETED");
        var late = await PostGradeAsync(learnerId, course, score: 0.2, passed: false);
        await Eventually(async () => await InboxHasAsync(late.Id));

        page = await PageAsync(learner, course);
        Assert.Equal("PASSED", QuizProgress(page, course)!["state"]!.GetValue<string>());
        Assert.Equal(0.9, QuizProgress(page, course)!["bestScore"]!.GetValue<double>());
        Assert.Equal(1.0, page["viewerEnrollment"]!["progress"]!["completedShare"]!.GetValue<double>());
        Assert.NotNull(page["viewerEnrollment"]!["certificate"]!["code"]);
        Assert.Equal(1L, await CompletedEventsAsync(course.Id));
    }

    private async Task<EventEnvelope> PostGradeAsync(string learnerId, PublishedCourse course, double score, bool passed)
    {
        var grade = EventEnvelope.Create("grade.posted", "assessment", course.Quiz,
            new { gradeId = Guid.CreateVersion7(), learnerId, courseId = course.Id, itemId = course.Quiz, score, passed, gradedAt = DateTime.UtcNow },
            DateTime.UtcNow);
        Assert.True(GradeSchema.Value.Evaluate(grade.Data).IsValid); // the stand-in speaks the catalogued contract
        await platform.PublishAsync(grade);
        return grade;
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> PageAsync(Testing.GraphQLHttpClient learner, PublishedCourse course) =>
        (await learner.PostAsync(Page, new { c = course.Id })).Ok()["course"]!;

    private static System.Text.Json.Nodes.JsonNode? QuizProgress(System.Text.Json.Nodes.JsonNode page, PublishedCourse course) =>
        page["modules"]![0]!["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == course.Quiz)!["viewerProgress"];

    private async Task<bool> InboxHasAsync(Guid eventId)
    {
        await using var db = new Npgsql.NpgsqlConnection(platform.ConnectionString);
        await db.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand("SELECT count(*) FROM learner.inbox WHERE event_id = $1", db) { Parameters = { new() { Value = eventId } } };
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }

    private async Task<long> CompletedEventsAsync(string courseId)
    {
        await using var db = new Npgsql.NpgsqlConnection(platform.ConnectionString);
        await db.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM learner.outbox WHERE type = 'enrollment.completed' AND envelope->'data'->>'courseId' = $1", db) { Parameters = { new() { Value = courseId } } };
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
