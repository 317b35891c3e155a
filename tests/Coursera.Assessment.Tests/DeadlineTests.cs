using System.Text.Json.Nodes;
using static Coursera.Assessment.Tests.ProgrammingAssignmentTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Assessment.Tests;

/// <summary>
/// Hard deadlines on the server's clock (a test clock): late work loses the late penalty per day started, down to
/// the floor; an author's extension moves one learner's deadline and extra time lengthens their time limit; answers
/// shown "after the deadline" stay hidden until it has passed.
/// </summary>
public sealed class DeadlineTests(AssessmentApp app) : IClassFixture<AssessmentApp>
{
    private const string Submit = """
        mutation($a: ID!) { submitAttempt(input: {attemptId: $a, answers: [{questionId: "a", number: 1}, {questionId: "b", number: 2}]}) {
          attempt { score passed latePenalty questions { id score } } errors { code } } }
        """;

    private const string Grant = """
        mutation($a: ID!, $l: ID!, $d: DateTime, $m: Int) { grantExtension(input: {assessmentId: $a, learnerId: $l, deadline: $d, extraTimeMinutes: $m, reason: "Illness"}) {
          grant { deadline extraTimeMinutes grantedBy } errors { code } } }
        """;

    private const string Deadline = "query($i: [_Any!]!) { _entities(representations: $i) { ... on Item { assessment { viewerDeadline policy { deadline latePenaltyPerDay } } } } }";

    [Fact]
    public async Task Late_work_loses_the_penalty_an_extension_spares_it_and_answers_wait_for_the_deadline()
    {
        var (_, _, partner) = await app.ClientsAsync();
        var (courseId, quizId) = await app.PublishCourseAsync("QUIZ");
        var start = app.Clock.GetUtcNow().UtcDateTime;
        var deadline = start.AddDays(1);
        JsonNode? created = null;
        await Eventually(async () =>
        {
            created = (await partner.PostAsync("""
                mutation($i: ID!, $d: DateTime!) { createAssessment(input: {itemId: $i, title: "Due", policy: {deadline: $d, latePenaltyPerDay: 0.1,
                  latePenaltyFloor: 0.5, timeLimitMinutes: 10, showAnswers: AFTER_DEADLINE}, questions: [
                  {id: "a", kind: NUMERIC, prompt: "One?", numericAnswer: 1}, {id: "b", kind: NUMERIC, prompt: "Two?", numericAnswer: 2}]}) { assessment { id } errors { code } } }
                """, new { i = quizId, d = deadline })).Ok()["createAssessment"];
            return created!["errors"]!.AsArray().Count == 0;
        });
        var assessmentId = created!["assessment"]!["id"]!.GetValue<string>();
        await PublishAsync(partner, assessmentId);
        var (_, ann) = await app.EnrolledLearnerAsync(courseId);
        var (boId, bo) = await app.EnrolledLearnerAsync(courseId);
        var (_, cy) = await app.EnrolledLearnerAsync(courseId);

        // On time: full marks, no penalty, and the answers stay hidden until the deadline.
        var onTime = Accepted(await cy.PostAsync(Submit, new { a = await StartAsync(cy, quizId) }))["submitAttempt"]!["attempt"]!;
        Assert.Equal(1.0, onTime["score"]!.GetValue<double>(), 6);
        Assert.Equal(0.0, onTime["latePenalty"]!.GetValue<double>(), 6);
        Assert.All(onTime["questions"]!.AsArray(), q => Assert.Null(q!["score"]));

        // An extension for Bo: his own deadline and 15 more minutes per attempt; recorded, and for authors only.
        Assert.Equal("INVALID_EXTENSION", Refusal(await partner.PostAsync(Grant, new { a = assessmentId, l = boId }), "grantExtension"));
        Assert.Equal("FORBIDDEN", (await bo.PostAsync(Grant, new { a = assessmentId, l = boId, d = start.AddDays(5), m = 15 })).ErrorCode());
        var grant = Accepted(await partner.PostAsync(Grant, new { a = assessmentId, l = boId, d = start.AddDays(5), m = 15 }))["grantExtension"]!["grant"]!;
        Assert.Equal(15, grant["extraTimeMinutes"]!.GetValue<int>());
        Assert.Equal(start.AddDays(5), (await bo.PostAsync(Deadline, new { i = Representation(quizId) })).Ok()["_entities"]![0]!["assessment"]!["viewerDeadline"]!.GetValue<DateTime>(), TimeSpan.FromSeconds(1));
        Assert.Equal(deadline, (await ann.PostAsync(Deadline, new { i = Representation(quizId) })).Ok()["_entities"]![0]!["assessment"]!["viewerDeadline"]!.GetValue<DateTime>(), TimeSpan.FromSeconds(1));

        // A day and a half past the deadline: two days started, 20% off Ann's full marks; Bo is still in time.
        app.Clock.Advance(TimeSpan.FromDays(2.5));
        var late = Accepted(await ann.PostAsync(Submit, new { a = await StartAsync(ann, quizId) }))["submitAttempt"]!["attempt"]!;
        Assert.Equal(0.8, late["score"]!.GetValue<double>(), 6);
        Assert.Equal(0.2, late["latePenalty"]!.GetValue<double>(), 6);
        Assert.All(late["questions"]!.AsArray(), q => Assert.Equal(1.0, q!["score"]!.GetValue<double>(), 6)); // the deadline has passed
        var boAttempt = await StartAsync(bo, quizId);
        var due = (await bo.PostAsync("query($a: ID!) { attempt(id: $a) { dueAt } }", new { a = boAttempt })).Ok()["attempt"]!["dueAt"]!.GetValue<DateTime>();
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(25), due, TimeSpan.FromSeconds(5));
        var extended = Accepted(await bo.PostAsync(Submit, new { a = boAttempt }))["submitAttempt"]!["attempt"]!;
        Assert.Equal(1.0, extended["score"]!.GetValue<double>(), 6);
        Assert.Equal(0.0, extended["latePenalty"]!.GetValue<double>(), 6);

        // Far too late: never below the floor.
        app.Clock.Advance(TimeSpan.FromDays(30));
        var latest = Accepted(await ann.PostAsync(Submit, new { a = await StartAsync(ann, quizId) }))["submitAttempt"]!["attempt"]!;
        Assert.Equal(0.5, latest["score"]!.GetValue<double>(), 6);

        // Ann's course grade explains the lateness: her kept 0.8 would have been 1 on time.
        var course = new object[] { new Dictionary<string, object> { ["__typename"] = "Course", ["id"] = courseId } };
        var line = (await ann.PostAsync("query($c: [_Any!]!) { _entities(representations: $c) { ... on Course { viewerGrade { breakdown { score latePenalty } } } } }",
            new { c = course })).Ok()["_entities"]![0]!["viewerGrade"]!["breakdown"]![0]!;
        Assert.Equal(0.8, line["score"]!.GetValue<double>(), 6);
        Assert.Equal(0.2, line["latePenalty"]!.GetValue<double>(), 6);
    }
}
