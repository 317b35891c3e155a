using Coursera.Events;
using static Coursera.Assessment.Tests.ProgrammingAssignmentTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Assessment.Tests;

/// <summary>A grade group that drops its lowest grade: the course grade and its breakdown follow at once.</summary>
public sealed class GradeGroupTests(AssessmentApp app) : IClassFixture<AssessmentApp>
{
    private const string Grade = """
        query($c: [_Any!]!) { _entities(representations: $c) { ... on Course { viewerGrade { score passed breakdown { title group dropped share } } } } }
        """;

    private const string SetGroup = """
        mutation($c: ID!, $n: Int!) { setGradeGroup(input: {courseId: $c, name: "Weekly quizzes", dropLowest: $n}) { gradeGroup { dropLowest } errors { code } } }
        """;

    [Fact]
    public async Task A_group_dropping_its_lowest_grade_leaves_a_failed_quiz_out_of_the_course_grade()
    {
        var (_, _, partner) = await app.ClientsAsync();
        var courseId = Guid.CreateVersion7();
        var weeks = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.PublishAsync(EventEnvelope.Create("course.published", "catalog", courseId.ToString(), new
        {
            courseId, partnerId = AssessmentApp.PartnerId, title = "Grouped", status = "PUBLISHED",
            modules = new[] { new { id = Guid.CreateVersion7(), title = "Weeks", items = weeks.Select((id, n) => new { id, title = $"Week {n + 1} quiz", kind = "QUIZ", required = true, graded = true }).ToArray() } },
        }, now, partnerId: AssessmentApp.PartnerId));
        foreach (var week in weeks)
        {
            string? id = null;
            await Eventually(async () =>
            {
                id = (await partner.PostAsync("""
                    mutation($i: ID!) { createAssessment(input: {itemId: $i, title: "Week", group: "Weekly quizzes", questions: [{id: "a", kind: NUMERIC, prompt: "One?", numericAnswer: 1}]}) {
                      assessment { id } errors { code } } }
                    """, new { i = week })).Ok()["createAssessment"]!["assessment"]?["id"]?.GetValue<string>();
                return id is not null;
            });
            await PublishAsync(partner, id!);
        }

        var (_, learner) = await app.EnrolledLearnerAsync(courseId);
        foreach (var (week, answer) in weeks.Zip(new[] { 1.0, 5.0 }))
        {
            Accepted(await learner.PostAsync("mutation($a: ID!, $n: Float!) { submitAttempt(input: {attemptId: $a, answers: [{questionId: \"a\", number: $n}]}) { errors { code } } }",
                new { a = await StartAsync(learner, week), n = answer }));
        }

        var course = new[] { new Dictionary<string, object> { ["__typename"] = "Course", ["id"] = courseId } };
        var before = (await learner.PostAsync(Grade, new { c = course })).Ok()["_entities"]![0]!["viewerGrade"]!;
        Assert.Equal(0.5, before["score"]!.GetValue<double>(), 6);
        Assert.False(before["passed"]!.GetValue<bool>());

        Assert.Equal("FORBIDDEN", (await (await app.PartnerClientAsync("northfield")).PostAsync(SetGroup, new { c = courseId, n = 1 })).ErrorCode());
        Assert.Equal("INVALID_GROUP", Refusal(await partner.PostAsync(SetGroup, new { c = courseId, n = -1 }), "setGradeGroup"));
        Accepted(await partner.PostAsync(SetGroup, new { c = courseId, n = 1 }));

        var after = (await learner.PostAsync(Grade, new { c = course })).Ok()["_entities"]![0]!["viewerGrade"]!;
        Assert.Equal(1.0, after["score"]!.GetValue<double>(), 6);
        Assert.True(after["passed"]!.GetValue<bool>());
        var dropped = Assert.Single(after["breakdown"]!.AsArray(), l => l!["dropped"]!.GetValue<bool>())!;
        Assert.Equal("Week 2 quiz", dropped["title"]!.GetValue<string>());
        Assert.Equal(0.0, dropped["share"]!.GetValue<double>(), 6);
        Assert.Equal("Weekly quizzes", dropped["group"]!.GetValue<string>());
    }
}
