using System.Text.Json.Nodes;
using Coursera.Assessment.Model;
using Coursera.GradingWorker;
using Coursera.Host;
using Coursera.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Platform.Tests;

/// <summary>
/// The "done when" of the learner and assessment issues, on the sample data of <c>./run.sh</c>, through the gateway:
/// the seeded learner (with the seeded PAID entitlement) signs in with PKCE, enrolls in the sample course, fails a
/// graded quiz and is told when the next attempt opens, passes on a later one, has a programming assignment graded by
/// the reference worker, submits a peer-graded assignment that three other learners review, sees the course grade
/// with its breakdown, and gets a certificate that verifies only then; the course's partner receives a webhook at each step.
/// </summary>
public sealed class SampleJourneyTests(PlatformApp platform) : IClassFixture<PlatformApp>, IAsyncLifetime
{
    private static readonly string[] Steps =
    [
        "enrollment.created", "attempt.submitted", "attempt.graded", "grade.posted", "peer_review.assigned", "course_grade.passed",
        "enrollment.completed", "certificate.issued",
    ];

    private const string Start = "mutation($i: ID!) { startAttempt(input: {itemId: $i}) { attempt { id questions { id } } errors { code } } }";

    private const string Submit = """
        mutation($a: ID!, $answers: [AnswerInput!], $files: [SubmittedFileInput!], $text: String, $h: Int) {
          submitAttempt(input: {attemptId: $a, answers: $answers, files: $files, text: $text, honourCodeVersion: $h}) { attempt { state score passed } errors { code } } }
        """;

    private const string Assessments = """
        query($c: ID!) { course(id: $c) { modules { items { id assessment { viewerNextAttemptAvailableAt viewerGrade { score passed } } } } } }
        """;

    private const string Certificate = "query($c: ID!) { course(id: $c) { viewerEnrollment { state certificate { code } } viewerGrade { passed } } }";

    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task The_seeded_learner_passes_the_graded_sample_course_and_gets_a_certificate_only_then_with_a_webhook_at_each_step()
    {
        var northfield = platform.PartnerClient("northfield");
        var partner = platform.Gateway((await platform.Oidc().ClientCredentialsAsync(northfield.ClientId, northfield.ClientSecret)).Access());
        Accepted(await partner.PostAsync("mutation($url: String!, $t: [String!]!) { createWebhookEndpoint(input: {url: $url, eventTypes: $t}) { secret errors { code } } }",
            new { url = _receiver.Url, t = Steps }));

        var (learner, _) = await new LearningPath(platform).LearnerAsync();
        var course = (await learner.PostAsync("""
            { courseBySlug(slug: "machine-learning-foundations-northfield") { id sessions { id enrollmentClosesAt } modules { items { id kind required graded } } } }
            """)).Ok()["courseBySlug"]!;
        var courseId = course["id"]!.GetValue<string>();
        var session = course["sessions"]!.AsArray().First(s => s!["enrollmentClosesAt"]!.GetValue<DateTime>() > DateTime.UtcNow)!["id"]!.GetValue<string>();
        var items = course["modules"]!.AsArray().SelectMany(m => m!["items"]!.AsArray()).ToList();
        string[] Items(string kind) => [.. items.Where(i => i!["kind"]!.GetValue<string>() == kind).Select(i => i!["id"]!.GetValue<string>())];
        var quizzes = Items("QUIZ");
        var assignment = Items("ASSIGNMENT").Single();
        var peerGraded = Items("PEER_REVIEW").Single();
        Assert.All(items.Where(i => i!["kind"]!.GetValue<string>() is "QUIZ" or "ASSIGNMENT" or "PEER_REVIEW"), i => Assert.True(i!["graded"]!.GetValue<bool>()));

        // The seed's course events reach the learner service soon after start-up.
        JsonNode? enrolled = null;
        await Eventually(async () =>
        {
            enrolled = (await learner.PostAsync(EnrollMutation, new { c = courseId, s = session, t = "PAID" })).Ok()["enroll"]!;
            return enrolled["errors"]!.AsArray().Count == 0;
        });
        foreach (var item in items.Where(i => !i!["graded"]!.GetValue<bool>() && i["required"]!.GetValue<bool>()))
        {
            Accepted(await learner.PostAsync("mutation($i: ID!) { recordProgress(input: {itemId: $i, event: COMPLETED}) { errors { code } } }", new { i = item!["id"]!.GetValue<string>() }));
        }

        // A graded quiz failed (nothing answered), the next attempt announced and refused until then, passed after it.
        var first = await StartAsync(learner, quizzes[0]);
        var failed = Accepted(await learner.PostAsync(Submit, new { a = first["id"]!.GetValue<string>(), answers = Array.Empty<object>() }))["submitAttempt"]!["attempt"]!;
        Assert.False(failed["passed"]!.GetValue<bool>());
        var next = (await AssessmentAsync(learner, courseId, quizzes[0]))["viewerNextAttemptAvailableAt"];
        Assert.NotNull(next);
        Assert.InRange(next!.GetValue<DateTime>(), DateTime.UtcNow, DateTime.UtcNow.AddSeconds(11));
        Assert.Equal("NO_ATTEMPTS_LEFT", (await learner.PostAsync(Start, new { i = quizzes[0] })).Ok()["startAttempt"]!["errors"]![0]!["code"]!.GetValue<string>());
        foreach (var quiz in quizzes)
        {
            var attempt = await StartAsync(learner, quiz);
            var answers = attempt["questions"]!.AsArray().Select(q => RightAnswer(q!["id"]!.GetValue<string>())).ToArray();
            var passed = Accepted(await learner.PostAsync(Submit, new { a = attempt["id"]!.GetValue<string>(), answers }))["submitAttempt"]!["attempt"]!;
            Assert.True(passed["passed"]!.GetValue<bool>());
        }

        Assert.True((await AssessmentAsync(learner, courseId, quizzes[0]))["viewerGrade"]!["passed"]!.GetValue<bool>());

        // The programming assignment, graded by the reference worker in its sandbox.
        var submitted = await StartAsync(learner, assignment);
        Assert.Equal("GRADING", Accepted(await learner.PostAsync(Submit, new
        {
            a = submitted["id"]!.GetValue<string>(),
            files = new[] { new { name = "solution.py", content = "def accuracy(predicted, actual):\n    return sum(p == a for p, a in zip(predicted, actual)) / len(actual)\n" } },
        }))["submitAttempt"]!["attempt"]!["state"]!.GetValue<string>());
        await GradeWithTheWorkerAsync();
        var programming = (await AssessmentAsync(learner, courseId, assignment))["viewerGrade"]!;
        Assert.Equal(1.0, programming["score"]!.GetValue<double>(), 6);

        // Everything passed but the peer-graded work: no certificate yet.
        var before = (await learner.PostAsync(Certificate, new { c = courseId })).Ok()["course"]!;
        Assert.Null(before["viewerEnrollment"]!["certificate"]);
        Assert.False(before["viewerGrade"]!["passed"]!.GetValue<bool>());

        // The peer-graded assignment: the seeded learner and three others submit, and everyone reviews everyone else.
        var peers = new List<GraphQLHttpClient> { learner };
        for (var i = 0; i < 3; i++)
        {
            var (other, _) = await platform.NewLearnerAsync();
            Accepted(await other.PostAsync(EnrollMutation, new { c = courseId, s = session, t = "AUDIT" }));
            peers.Add(other);
        }

        foreach (var peer in peers)
        {
            var work = await StartAsync(peer, peerGraded);
            Assert.Equal("IN_REVIEW", Accepted(await peer.PostAsync(Submit, new
            {
                a = work["id"]!.GetValue<string>(), text = "A model card: a spam classifier for support mail, trained on 2025's tickets, 0.94 accuracy, weaker on short messages.",
                h = HonourCode.Version,
            }))["submitAttempt"]!["attempt"]!["state"]!.GetValue<string>());
        }

        foreach (var peer in peers)
        {
            await ReviewEveryoneElseAsync(peer, peerGraded);
        }

        // The course grade with its breakdown, and the certificate now.
        var grade = (await learner.PostAsync("query($c: ID!) { course(id: $c) { viewerGrade { score passed rule breakdown { title weight share score passed contribution latePenalty } } } }",
            new { c = courseId })).Ok()["course"]!["viewerGrade"]!;
        Assert.True(grade["passed"]!.GetValue<bool>());
        Assert.Equal(1.0, grade["score"]!.GetValue<double>(), 6);
        var breakdown = grade["breakdown"]!.AsArray();
        Assert.Equal(quizzes.Length + 2, breakdown.Count);
        Assert.All(breakdown, line => Assert.True(line!["passed"]!.GetValue<bool>()));
        Assert.Equal(1.0, breakdown.Sum(l => l!["share"]!.GetValue<double>()), 6);
        string? code = null;
        await Eventually(async () =>
            (code = (await learner.PostAsync(Certificate, new { c = courseId })).Ok()["course"]!["viewerEnrollment"]!["certificate"]?["code"]?.GetValue<string>()) is not null);
        Assert.True((await platform.Gateway().PostAsync("query($c: String!) { certificate(code: $c) { valid } }", new { c = code }))
            .Ok()["certificate"]!["valid"]!.GetValue<bool>());

        // A webhook at each step; deliveries run in parallel, so in any order.
        await Eventually(() => Task.FromResult(Steps.All(step => Types().Contains(step))), seconds: 30);
        Assert.Equal(1, Types().Count(t => t == "certificate.issued"));
        Assert.Equal(1, Types().Count(t => t == "course_grade.passed"));
        Assert.Contains(code!, _receiver.Received.Single(w => w.Body.Contains("certificate.issued", StringComparison.Ordinal)).Body, StringComparison.Ordinal);
    }

    private List<string> Types() => [.. _receiver.Received.Select(w => JsonNode.Parse(w.Body)!["type"]!.GetValue<string>())];

    private static async Task<JsonNode> AssessmentAsync(GraphQLHttpClient learner, string courseId, string itemId) =>
        (await learner.PostAsync(Assessments, new { c = courseId })).Ok()["course"]!["modules"]!.AsArray().SelectMany(m => m!["items"]!.AsArray())
            .Single(i => i!["id"]!.GetValue<string>() == itemId)!["assessment"]!;

    private static async Task<JsonNode> StartAsync(GraphQLHttpClient learner, string itemId)
    {
        JsonNode? started = null;
        await Eventually(async () =>
        {
            started = (await learner.PostAsync(Start, new { i = itemId })).Ok()["startAttempt"]!;
            return started["errors"]!.AsArray().Count == 0;
        }, seconds: 40);
        return started!["attempt"]!;
    }

    /// <summary>What a learner who studied answers: the seed's key.</summary>
    private static object RightAnswer(string questionId)
    {
        var question = SampleQuestions.BySubject["Machine Learning Foundations"].SelectMany(q => q).Single(q => q.Id == questionId);
        return question.Kind switch
        {
            QuestionKind.Numeric => new { questionId, number = question.NumericAnswer },
            QuestionKind.ShortText => new { questionId, text = question.AcceptedAnswers[0] },
            _ => (object)new { questionId, choiceIds = question.CorrectChoiceIds },
        };
    }

    /// <summary>Reviews whatever is handed out, full marks on each criterion, until nothing is left to review.</summary>
    private static async Task ReviewEveryoneElseAsync(GraphQLHttpClient reviewer, string itemId)
    {
        while (true)
        {
            var requested = (await reviewer.PostAsync("mutation($i: ID!) { requestPeerReview(input: {itemId: $i}) { review { id } errors { code } } }", new { i = itemId }))
                .Ok()["requestPeerReview"]!;
            if (requested["review"] is not { } review)
            {
                Assert.Equal("NOTHING_TO_REVIEW", requested["errors"]![0]!["code"]!.GetValue<string>());
                return;
            }

            var scores = SampleAssessments.ModelCardReview.Rubric.Select(c => new { criterionId = c.Id, points = c.Levels.Max(l => l.Points) });
            Accepted(await reviewer.PostAsync("mutation($r: ID!, $s: [CriterionScoreInput!]!) { submitPeerReview(input: {reviewId: $r, scores: $s, comment: \"Clear and honest.\"}) { errors { code } } }",
                new { r = review["id"]!.GetValue<string>(), s = scores }));
        }
    }

    /// <summary>The reference worker, as <c>./run.sh</c> starts it, against this host: grades until the queue is empty.</summary>
    private async Task GradeWithTheWorkerAsync()
    {
        var credentials = platform.Credentials.Clients.Single(c => c.ClientId == Identity.Data.SampleTenants.GradingWorkerClientId);
        var work = Directory.CreateTempSubdirectory("grading-").FullName;
        using var http = platform.CreateClient();
        var worker = new JobGrader(new GradingWorkerOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/graphql"), Authority = http.BaseAddress, ClientId = credentials.ClientId, ClientSecret = credentials.ClientSecret,
            WorkFolder = work,
        }, http, NullLogger.Instance);
        while (await worker.RunOnceAsync(CancellationToken.None))
        {
        }
    }
}
