using System.Text.Json.Nodes;
using Coursera.Testing;
using Npgsql;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Assessment.Tests;

/// <summary>
/// A quiz through the gateway, as its author and its learner meet it: authored as a draft, published, attempted
/// by an enrolled learner only, graded on the server (never with answer keys sent before the policy allows), retaken,
/// passed, and the pass completing the graded item in the learner service (<c>grade.posted</c>).
/// </summary>
public sealed class AttemptFlowTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Create = """
        mutation($i: ID!, $q: [QuestionInput!]!, $p: AttemptPolicyInput) {
          createAssessment(input: {itemId: $i, title: "Check yourself", questions: $q, policy: $p}) {
            assessment { id publishedVersion latestVersion questions { id correctChoiceIds } } errors { code message path } } }
        """;

    private const string Start = "mutation($i: ID!) { startAttempt(input: {itemId: $i}) { attempt { id number state questions { id kind choices { id } correctChoiceIds numericAnswer acceptedAnswers } } errors { code message } } }";

    private const string Submit = """
        mutation($a: ID!, $answers: [AnswerInput!]) { submitAttempt(input: {attemptId: $a, answers: $answers}) {
          attempt { id number state score passed questions { id score correctChoiceIds explanation } } errors { code } } }
        """;

    private const string Quiz = """
        query($c: ID!) { course(id: $c) { modules { items { id viewerProgress { state bestScore } assessment { id title questions { id }
          policy { maxAttempts passingScore } viewerAttemptsRemaining viewerNextAttemptAvailableAt viewerGrade { score passed }
          viewerAttempts { number state score passed } } } } } }
        """;

    private const string CourseGrade = """
        query($c: ID!) { course(id: $c) { viewerGrade { score passed rule breakdown { itemId title weight share score passed contribution hasAssessment } } } }
        """;

    private static readonly object[] Questions =
    [
        new { id = "capital", kind = "SINGLE_CHOICE", prompt = "The capital of France?", choices = new[] { new { id = "a", text = "Lyon" }, new { id = "b", text = "Paris" } },
            correctChoiceIds = new[] { "b" }, explanation = "Paris since 987." },
        new { id = "answer", kind = "NUMERIC", prompt = "Six times seven?", numericAnswer = 42.0, tolerance = 0.0 },
        new { id = "primes", kind = "MULTIPLE_CHOICE", prompt = "Which are prime?",
            choices = new[] { new { id = "2", text = "2" }, new { id = "4", text = "4" }, new { id = "5", text = "5" }, new { id = "9", text = "9" } },
            correctChoiceIds = new[] { "2", "5" } },
    ];

    private static readonly object[] Right =
    [
        new { questionId = "capital", choiceIds = new[] { "b" } },
        new { questionId = "answer", number = 42.0 },
        new { questionId = "primes", choiceIds = new[] { "2", "5" } },
    ];

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task A_learner_fails_retakes_and_passes_a_quiz_graded_on_the_server_and_the_pass_completes_the_item()
    {
        var course = await _path.PublishCourseAsync("assessed-course", gradedQuiz: true);
        var partner = await _path.PartnerAsync();
        var (learner, learnerId) = await _path.LearnerAsync();

        // The assessment service learns the course's items from its events: until then the item is unknown to it.
        JsonNode? created = null;
        await Eventually(async () =>
        {
            created = (await partner.PostAsync(Create, new { i = course.Quiz, q = Questions, p = new { maxAttempts = 3, passingScore = 0.8, showAnswers = "AFTER_PASSING" } }))
                .Ok()["createAssessment"];
            return created!["errors"]!.AsArray().Count == 0;
        });
        var assessment = created!["assessment"]!;
        Assert.Null(assessment["publishedVersion"]);
        Assert.Equal(["b"], assessment["questions"]![0]!["correctChoiceIds"]!.AsArray().Select(c => c!.GetValue<string>()));

        // A draft is the authors' alone.
        Assert.Null(QuizItem(await QuizPageAsync(learner, course), course)["assessment"]);
        Assert.Equal("ASSESSMENT_NOT_FOUND", Code(await learner.PostAsync(Start, new { i = course.Quiz }), "startAttempt"));
        Accepted(await partner.PostAsync("mutation($a: ID!) { publishAssessment(input: {assessmentId: $a}) { assessment { publishedVersion } errors { code } } }",
            new { a = assessment["id"]!.GetValue<string>() }));

        // Published: the learner sees the rules, never the questions' keys; an attempt needs an enrollment.
        var item = QuizItem(await QuizPageAsync(learner, course), course)["assessment"]!;
        Assert.Null(item["questions"]);
        Assert.Equal(3, item["policy"]!["maxAttempts"]!.GetValue<int>());
        Assert.Equal("NOT_ENROLLED", Code(await learner.PostAsync(Start, new { i = course.Quiz }), "startAttempt"));
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" }));

        JsonNode? first = null;
        await Eventually(async () =>
        {
            first = (await learner.PostAsync(Start, new { i = course.Quiz })).Ok()["startAttempt"];
            return first!["errors"]!.AsArray().Count == 0;
        });
        var attempt = first!["attempt"]!;
        Assert.Equal(1, attempt["number"]!.GetValue<int>());
        Assert.Equal(["answer", "capital", "primes"], attempt["questions"]!.AsArray().Select(q => q!["id"]!.GetValue<string>()).Order());
        Assert.All(attempt["questions"]!.AsArray(), q =>
        {
            Assert.Null(q!["correctChoiceIds"]);
            Assert.Null(q["numericAnswer"]);
            Assert.Null(q["acceptedAnswers"]);
        });

        // Starting again returns the attempt in progress; answers are saved, then one is changed at submission.
        Assert.Equal(attempt["id"]!.GetValue<string>(), Accepted(await learner.PostAsync(Start, new { i = course.Quiz }))["startAttempt"]!["attempt"]!["id"]!.GetValue<string>());
        Accepted(await learner.PostAsync("mutation($a: ID!, $answers: [AnswerInput!]!) { saveAnswers(input: {attemptId: $a, answers: $answers}) { attempt { id } errors { code } } }",
            new { a = attempt["id"]!.GetValue<string>(), answers = Right }));
        var failed = Accepted(await learner.PostAsync(Submit, new
        {
            a = attempt["id"]!.GetValue<string>(),
            answers = new object[] { new { questionId = "capital", choiceIds = new[] { "a" } }, new { questionId = "primes", choiceIds = new[] { "2" } } },
        }))["submitAttempt"]!["attempt"]!;
        Assert.Equal("GRADED", failed["state"]!.GetValue<string>());
        Assert.Equal(0.5, failed["score"]!.GetValue<double>(), 6); // 0 + 1 + 0.5 of 3
        Assert.False(failed["passed"]!.GetValue<bool>());
        Assert.All(failed["questions"]!.AsArray(), q =>
        {
            Assert.Null(q!["correctChoiceIds"]); // shown after passing only
            Assert.Null(q["score"]); // which would tell which answers were right
        });

        // Nobody else reaches the attempt; an answer naming a choice the question does not have is refused.
        var someoneElse = platform.Gateway((await platform.SignInAsync("admin@acme.example")).Access());
        Assert.Null((await someoneElse.PostAsync("query($a: ID!) { attempt(id: $a) { id } }", new { a = attempt["id"]!.GetValue<string>() })).Ok()["attempt"]);
        Assert.Equal("ATTEMPT_NOT_FOUND", Code(await someoneElse.PostAsync(Submit, new { a = attempt["id"]!.GetValue<string>(), answers = Right }), "submitAttempt"));
        Assert.Equal("ATTEMPT_NOT_FOUND", Code(await someoneElse.PostAsync(
            "mutation($a: ID!, $answers: [AnswerInput!]!) { saveAnswers(input: {attemptId: $a, answers: $answers}) { errors { code } } }",
            new { a = attempt["id"]!.GetValue<string>(), answers = Right }), "saveAnswers"));

        // Submitting again changes nothing; the learner is told what is left.
        Assert.Equal(0.5, Accepted(await learner.PostAsync(Submit, new { a = attempt["id"]!.GetValue<string>(), answers = Right }))
            ["submitAttempt"]!["attempt"]!["score"]!.GetValue<double>(), 6);
        item = QuizItem(await QuizPageAsync(learner, course), course)["assessment"]!;
        Assert.Equal(2, item["viewerAttemptsRemaining"]!.GetValue<int>());
        Assert.Null(item["viewerNextAttemptAvailableAt"]);
        Assert.False(item["viewerGrade"]!["passed"]!.GetValue<bool>());
        var courseGrade = (await learner.PostAsync(CourseGrade, new { c = course.Id })).Ok()["course"]!["viewerGrade"]!;
        Assert.Equal(0.5, courseGrade["score"]!.GetValue<double>(), 6);
        Assert.False(courseGrade["passed"]!.GetValue<bool>());
        var line = Assert.Single(courseGrade["breakdown"]!.AsArray())!;
        Assert.Equal((course.Quiz, 1.0, 0.5, 0.5), (line["itemId"]!.GetValue<string>(), line["share"]!.GetValue<double>(), line["score"]!.GetValue<double>(),
            line["contribution"]!.GetValue<double>()));

        // The second attempt, submitted twice at once, is graded once.
        var second = Accepted(await learner.PostAsync(Start, new { i = course.Quiz }))["startAttempt"]!["attempt"]!;
        Assert.Equal("INVALID_ANSWER", Code(await learner.PostAsync(
            "mutation($a: ID!) { saveAnswers(input: {attemptId: $a, answers: [{questionId: \"capital\", choiceIds: [\"z\"]}]}) { errors { code } } }",
            new { a = second["id"]!.GetValue<string>() }), "saveAnswers"));
        var submissions = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => learner.PostAsync(Submit, new { a = second["id"]!.GetValue<string>(), answers = Right })));
        Assert.All(submissions, s =>
        {
            var graded = Accepted(s)["submitAttempt"]!["attempt"]!;
            Assert.Equal(1.0, graded["score"]!.GetValue<double>(), 6);
            Assert.True(graded["passed"]!.GetValue<bool>());
            Assert.Equal("Paris since 987.", graded["questions"]!.AsArray().Single(q => q!["id"]!.GetValue<string>() == "capital")!["explanation"]!.GetValue<string>());
        });
        Assert.Equal(1L, await CountAsync($"SELECT count(*) FROM assessment.outbox WHERE type = 'attempt.graded' AND envelope->>'subject' = '{second["id"]!.GetValue<string>()}'"));

        // The pass reaches the learner service: the graded quiz is PASSED there.
        await Eventually(async () => QuizItem(await QuizPageAsync(learner, course), course)["viewerProgress"]?["state"]?.GetValue<string>() == "PASSED");
        item = QuizItem(await QuizPageAsync(learner, course), course)["assessment"]!;
        Assert.Equal(1.0, item["viewerGrade"]!["score"]!.GetValue<double>(), 6);
        Assert.Equal(["GRADED", "GRADED"], item["viewerAttempts"]!.AsArray().Select(a => a!["state"]!.GetValue<string>()));
        courseGrade = (await learner.PostAsync(CourseGrade, new { c = course.Id })).Ok()["course"]!["viewerGrade"]!;
        Assert.Equal(1.0, courseGrade["score"]!.GetValue<double>(), 6);
        Assert.True(courseGrade["passed"]!.GetValue<bool>());
        Assert.Contains("weighted", courseGrade["rule"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1L, await CountAsync($"SELECT count(*) FROM assessment.outbox WHERE type = 'course_grade.passed' AND envelope->>'subject' = '{course.Id}'")); // once

        // An author gives the learner two more attempts: recorded with who and why, and counted at once.
        var grant = Accepted(await partner.PostAsync("""
            mutation($a: ID!, $l: ID!) { grantExtraAttempts(input: {assessmentId: $a, learnerId: $l, attempts: 2, reason: "Power cut during attempt 1."}) {
              grant { extraAttempts grantedBy reason } errors { code } } }
            """, new { a = assessment["id"]!.GetValue<string>(), l = learnerId }))["grantExtraAttempts"]!["grant"]!;
        Assert.Equal(("Power cut during attempt 1.", "partner-kings-bridge"), (grant["reason"]!.GetValue<string>(), grant["grantedBy"]!.GetValue<string>()));
        Assert.Equal(3, QuizItem(await QuizPageAsync(learner, course), course)["assessment"]!["viewerAttemptsRemaining"]!.GetValue<int>());

        // The authors see how it goes: per question, how well it is answered.
        var statistics = QuizItem((await partner.PostAsync("""
            query($c: ID!) { course(id: $c) { modules { items { id assessment { statistics { attempts learners learnersPassed meanScore passRate
              questions { questionId answered meanScore } } } } } } }
            """, new { c = course.Id })).Ok()["course"]!, course)["assessment"]!["statistics"]!;
        Assert.Equal((2, 1, 1), (statistics["attempts"]!.GetValue<int>(), statistics["learners"]!.GetValue<int>(), statistics["learnersPassed"]!.GetValue<int>()));
        Assert.Equal(0.75, statistics["meanScore"]!.GetValue<double>(), 6);
        Assert.Equal(0.5, statistics["passRate"]!.GetValue<double>(), 6);
        var difficulty = statistics["questions"]!.AsArray().ToDictionary(q => q!["questionId"]!.GetValue<string>(), q => q!["meanScore"]!.GetValue<double>());
        Assert.Equal(0.5, difficulty["capital"], 6);
        Assert.Equal(1.0, difficulty["answer"], 6);
        Assert.Equal(0.75, difficulty["primes"], 6);
        Assert.Null(QuizItem((await learner.PostAsync("query($c: ID!) { course(id: $c) { modules { items { id assessment { statistics { attempts } } } } } }",
            new { c = course.Id })).Ok()["course"]!, course)["assessment"]!["statistics"]); // the authors' only

        // A window policy in a new version: the next attempt waits for the window, and the learner is told until when.
        var updated = Accepted(await partner.PostAsync(
            "mutation($a: ID!) { updateAssessment(input: {assessmentId: $a, policy: {attemptsPerWindow: 1, windowHours: 8}}) { assessment { latestVersion publishedVersion } errors { code } } }",
            new { a = assessment["id"]!.GetValue<string>() }))["updateAssessment"]!["assessment"]!;
        Assert.Equal(2, updated["latestVersion"]!.GetValue<int>());
        Assert.Equal(1, updated["publishedVersion"]!.GetValue<int>());
        Accepted(await partner.PostAsync("mutation($a: ID!) { publishAssessment(input: {assessmentId: $a}) { errors { code } } }", new { a = assessment["id"]!.GetValue<string>() }));
        Assert.Equal("NO_ATTEMPTS_LEFT", Code(await learner.PostAsync(Start, new { i = course.Quiz }), "startAttempt"));
        var next = QuizItem(await QuizPageAsync(learner, course), course)["assessment"]!["viewerNextAttemptAvailableAt"]!.GetValue<DateTime>();
        Assert.InRange(next, DateTime.UtcNow.AddHours(7.9), DateTime.UtcNow.AddHours(8.1));
    }

    [Fact]
    public async Task Another_partner_cannot_author_or_read_the_answer_keys_and_an_anonymous_caller_cannot_attempt()
    {
        var course = await _path.PublishCourseAsync("guarded-course", gradedQuiz: true);
        var partner = await _path.PartnerAsync();
        JsonNode? created = null;
        await Eventually(async () =>
        {
            created = (await partner.PostAsync(Create, new { i = course.Quiz, q = Questions })).Ok()["createAssessment"];
            return created!["errors"]!.AsArray().Count == 0;
        });
        var id = created!["assessment"]!["id"]!.GetValue<string>();
        Accepted(await partner.PostAsync("mutation($a: ID!) { publishAssessment(input: {assessmentId: $a}) { errors { code } } }", new { a = id }));

        var other = platform.PartnerClient("northfield");
        var stranger = platform.Gateway((await platform.Oidc().ClientCredentialsAsync(other.ClientId, other.ClientSecret)).Access());
        Assert.Equal("FORBIDDEN", (await stranger.PostAsync("mutation($a: ID!) { updateAssessment(input: {assessmentId: $a, title: \"Mine\"}) { errors { code } } }", new { a = id })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await stranger.PostAsync(Create, new { i = course.Quiz, q = Questions })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await stranger.PostAsync("mutation($a: ID!) { publishAssessment(input: {assessmentId: $a}) { errors { code } } }", new { a = id })).ErrorCode());
        Assert.Equal("UNAUTHENTICATED", (await platform.Gateway().PostAsync("mutation($a: ID!) { publishAssessment(input: {assessmentId: $a}) { errors { code } } }", new { a = id })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await stranger.PostAsync(
            "mutation($a: ID!, $l: ID!) { grantExtraAttempts(input: {assessmentId: $a, learnerId: $l, attempts: 1, reason: \"Mine\"}) { errors { code } } }",
            new { a = id, l = Guid.CreateVersion7() })).ErrorCode());
        Assert.Null(QuizItem(await QuizPageAsync(stranger, course), course)["assessment"]!["questions"]);

        var anonymous = platform.Gateway();
        Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(Start, new { i = course.Quiz })).ErrorCode());
        Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(Create, new { i = course.Quiz, q = Questions })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await partner.PostAsync(Start, new { i = course.Quiz })).ErrorCode()); // an API client makes no attempts

        // Refused input stores nothing and names the field at fault.
        var refused = (await partner.PostAsync("mutation($a: ID!) { updateAssessment(input: {assessmentId: $a, policy: {passingScore: 1.5}}) { assessment { id } errors { code path } } }",
            new { a = id })).Ok()["updateAssessment"]!;
        Assert.Equal("INVALID_POLICY", refused["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(["input", "policy", "passingScore"], refused["errors"]![0]!["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(1L, await CountAsync($"SELECT count(*) FROM assessment.versions WHERE assessment_id = '{id}'"));
    }

    [Fact]
    public async Task Each_attempt_draws_its_pooled_questions_and_is_scored_on_them_alone()
    {
        var course = await _path.PublishCourseAsync("pooled-course", gradedQuiz: true);
        var partner = await _path.PartnerAsync();
        var (learner, _) = await _path.LearnerAsync();
        static object Pooled(string id) => new { id, kind = "NUMERIC", prompt = $"Type {id.Length}.", numericAnswer = (double)id.Length, pool = "easy" };
        var questions = new object[]
        {
            Pooled("p"), Pooled("pp"), Pooled("ppp"),
            new { id = "order", kind = "ORDERING", prompt = "Smallest first.", choices = new[] { new { id = "1", text = "one" }, new { id = "2", text = "two" }, new { id = "3", text = "three" } },
                correctChoiceIds = new[] { "1", "2", "3" } },
            new { id = "pairs", kind = "MATCHING", prompt = "Match the capitals.", choices = new[] { new { id = "fr", text = "France" }, new { id = "it", text = "Italy" } },
                matches = new[] { new { id = "paris", text = "Paris" }, new { id = "rome", text = "Rome" }, new { id = "oslo", text = "Oslo" } },
                correctPairs = new[] { new { choiceId = "fr", matchId = "paris" }, new { choiceId = "it", matchId = "rome" } } },
        };
        const string CreatePooled = "mutation($i: ID!, $q: [QuestionInput!]!, $n: Int!) { createAssessment(input: {itemId: $i, title: \"Pooled\", questions: $q, policy: {poolDraws: [{pool: \"easy\", count: $n}]}}) { assessment { id } errors { code path } } }";
        JsonNode? created = null;
        await Eventually(async () =>
        {
            created = (await partner.PostAsync(CreatePooled, new { i = course.Quiz, q = questions, n = 5 })).Ok()["createAssessment"];
            return created!["errors"]!.AsArray().FirstOrDefault()?["code"]?.GetValue<string>() != "ITEM_NOT_FOUND";
        });
        Assert.Equal("INVALID_POLICY", created!["errors"]![0]!["code"]!.GetValue<string>()); // the pool has 3, not 5
        var id = Accepted(await partner.PostAsync(CreatePooled, new { i = course.Quiz, q = questions, n = 1 }))["createAssessment"]!["assessment"]!["id"]!.GetValue<string>();
        Accepted(await partner.PostAsync("mutation($a: ID!) { publishAssessment(input: {assessmentId: $a}) { errors { code } } }", new { a = id }));
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" }));

        JsonNode? started = null;
        await Eventually(async () =>
        {
            started = (await learner.PostAsync("mutation($i: ID!) { startAttempt(input: {itemId: $i}) { attempt { id questions { id matches { id } } } errors { code } } }",
                new { i = course.Quiz })).Ok()["startAttempt"];
            return started!["errors"]!.AsArray().Count == 0;
        });
        var drawn = started!["attempt"]!["questions"]!.AsArray().Select(q => q!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(3, drawn.Count); // one of the pool, and the two of no pool
        Assert.Contains("order", drawn);
        Assert.Contains("pairs", drawn);
        var pooled = Assert.Single(drawn, d => d.StartsWith('p') && d != "pairs");
        Assert.Equal(3, started["attempt"]!["questions"]!.AsArray().Single(q => q!["id"]!.GetValue<string>() == "pairs")!["matches"]!.AsArray().Count);

        var graded = Accepted(await learner.PostAsync("""
            mutation($a: ID!, $answers: [AnswerInput!]) { submitAttempt(input: {attemptId: $a, answers: $answers}) { attempt { score passed } errors { code } } }
            """, new
        {
            a = started["attempt"]!["id"]!.GetValue<string>(),
            answers = new object[]
            {
                new { questionId = pooled, number = (double)pooled.Length },
                new { questionId = "order", choiceIds = new[] { "1", "2", "3" } },
                new { questionId = "pairs", pairs = new[] { new { choiceId = "fr", matchId = "paris" }, new { choiceId = "it", matchId = "rome" } } },
            },
        }))["submitAttempt"]!["attempt"]!;
        Assert.Equal(1.0, graded["score"]!.GetValue<double>(), 6); // the undrawn pool questions do not count
        Assert.True(graded["passed"]!.GetValue<bool>());
    }

    private static async Task<JsonNode> QuizPageAsync(GraphQLHttpClient client, PublishedCourse course) =>
        (await client.PostAsync(Quiz, new { c = course.Id })).Ok()["course"]!;

    private static JsonNode QuizItem(JsonNode page, PublishedCourse course) =>
        page["modules"]!.AsArray().SelectMany(m => m!["items"]!.AsArray()).Single(i => i!["id"]!.GetValue<string>() == course.Quiz)!;

    private static string? Code(GraphQLResponse response, string field) => response.Ok()[field]!["errors"]!.AsArray().FirstOrDefault()?["code"]?.GetValue<string>();

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
