using System.Text.Json.Nodes;
using Coursera.GradingWorker;
using Coursera.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Assessment.Tests;

/// <summary>
/// Programming assignments: files submitted by an enrolled learner wait in the grading queue; grading workers (API
/// clients with grading:work) lease them, and the score they post is the attempt's; a lost lease goes to another
/// worker, and a submission no worker manages to grade is set aside without costing the learner an attempt.
/// </summary>
public sealed class ProgrammingAssignmentTests(AssessmentApp app) : IClassFixture<AssessmentApp>
{
    internal const string Grader = """
        import json, runpy
        try:
            solution = runpy.run_path("/submission/solution.py")
            cases = [(1, 2), (2, 2), (-1, 1), (10, 5)]
            right = sum(1 for a, b in cases if solution["add"](a, b) == a + b)
            print(json.dumps({"fractionalScore": right / len(cases), "feedback": f"{right} of {len(cases)} cases pass"}))
        except Exception as e:
            print(json.dumps({"fractionalScore": 0, "feedback": f"Your code failed: {e}"}))
        """;

    internal const string Create = """
        mutation($i: ID!, $g: ProgrammingGraderInput, $q: [QuestionInput!]!, $p: AttemptPolicyInput) {
          createAssessment(input: {itemId: $i, title: "Add two numbers", grader: $g, questions: $q, policy: $p}) {
            assessment { id kind grader { language script timeLimitSeconds } } errors { code message path } } }
        """;

    internal const string Submit = """
        mutation($a: ID!, $f: [SubmittedFileInput!]) { submitAttempt(input: {attemptId: $a, files: $f}) {
          attempt { id state score passed feedback files { name } } errors { code message path } } }
        """;

    internal const string Lease = """
        mutation($s: Int) { leaseGradingJob(input: {leaseSeconds: $s}) {
          job { id state leaseToken leaseExpiresAt tries grader { language script timeLimitSeconds memoryMegabytes } files { name content } }
          errors { code } } }
        """;

    internal const string Complete = """
        mutation($j: ID!, $t: String!, $s: Float!, $f: String!) { completeGradingJob(input: {jobId: $j, leaseToken: $t, fractionalScore: $s, feedback: $f}) {
          job { id state } errors { code } } }
        """;

    private const string Fail = """
        mutation($j: ID!, $t: String!) { failGradingJob(input: {jobId: $j, leaseToken: $t, error: "disk full"}) { job { id state } errors { code } } }
        """;

    private const string Item = """
        query($i: [_Any!]!) { _entities(representations: $i) { ... on Item { assessment {
          viewerAttemptsRemaining viewerGrade { score passed } grader { script maxFiles } viewerAttempts { number state score } } } } }
        """;

    [Fact]
    public async Task A_submission_waits_for_a_grading_worker_and_is_graded_with_the_score_it_posts()
    {
        var (_, _, partner) = await app.ClientsAsync();
        var (courseId, itemId) = await app.PublishCourseAsync("ASSIGNMENT");
        var (_, learner) = await app.EnrolledLearnerAsync(courseId);
        var worker = app.Client(await app.GradingWorkerTokenAsync());
        Assert.Equal("INVALID_LEASE", Refusal(await worker.PostAsync(Lease, new { s = 5 }), "leaseGradingJob"));

        // An assignment has a grader and no questions.
        await Eventually(async () => Refusal(await partner.PostAsync(Create, new
        {
            i = itemId, q = new[] { new { kind = "NUMERIC", prompt = "One?", numericAnswer = 1.0 } },
        }), "createAssessment") == "INVALID_SETUP");
        await PublishAsync(partner, await CreateAsync(partner, itemId, maxAttempts: 2));

        // The learner sees the limits, never the grader's program.
        var item = (await learner.PostAsync(Item, new { i = Representation(itemId) })).Ok()["_entities"]![0]!["assessment"]!;
        Assert.Null(item["grader"]!["script"]);
        Assert.Equal(3, item["grader"]!["maxFiles"]!.GetValue<int>());

        var attemptId = await StartAsync(learner, itemId);
        Assert.Equal("INVALID_FILES", Refusal(await learner.PostAsync(Submit, new { a = attemptId, f = new[] { new { name = "../escape.py", content = "x" } } }), "submitAttempt"));
        Assert.Equal("INVALID_FILES", Refusal(await learner.PostAsync(Submit, new { a = attemptId, f = Array.Empty<object>() }), "submitAttempt"));
        var submitted = Accepted(await learner.PostAsync(Submit, new { a = attemptId, f = new[] { new { name = "solution.py", content = "def add(a, b):\n    return a + b if a > 0 else 0\n" } } }))
            ["submitAttempt"]!["attempt"]!;
        Assert.Equal("GRADING", submitted["state"]!.GetValue<string>());
        Assert.Null(submitted["score"]);

        // Only grading workers take jobs; a learner cannot, nor start another attempt while this one is graded.
        Assert.Equal("FORBIDDEN", (await learner.PostAsync(Lease, new { s = 60 })).ErrorCode());
        Assert.Equal("SUBMISSION_PENDING", Refusal(await learner.PostAsync("mutation($i: ID!) { startAttempt(input: {itemId: $i}) { errors { code } } }", new { i = itemId }), "startAttempt"));

        var job = Accepted(await worker.PostAsync(Lease, new { s = 60 }))["leaseGradingJob"]!["job"]!;
        Assert.Equal("LEASED", job["state"]!.GetValue<string>());
        Assert.Contains("runpy", job["grader"]!["script"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("solution.py", job["files"]![0]!["name"]!.GetValue<string>());
        Assert.Null(Accepted(await worker.PostAsync(Lease, new { s = 60 }))["leaseGradingJob"]!["job"]); // the only job is taken
        var (jobId, leaseToken) = (job["id"]!.GetValue<string>(), job["leaseToken"]!.GetValue<string>());

        Assert.Equal("INVALID_RESULT", Refusal(await worker.PostAsync(Complete, new { j = jobId, t = leaseToken, s = 1.5, f = "too good" }), "completeGradingJob"));
        Assert.Equal("LEASE_LOST", Refusal(await worker.PostAsync(Complete, new { j = jobId, t = "not-the-token", s = 1.0, f = "forged" }), "completeGradingJob"));
        Assert.Equal("DONE", Accepted(await worker.PostAsync(Complete, new { j = jobId, t = leaseToken, s = 0.75, f = "3 of 4 cases pass" }))
            ["completeGradingJob"]!["job"]!["state"]!.GetValue<string>());
        Assert.Equal("LEASE_LOST", Refusal(await worker.PostAsync(Complete, new { j = jobId, t = leaseToken, s = 1.0, f = "again" }), "completeGradingJob"));

        var graded = (await learner.PostAsync("query($a: ID!) { attempt(id: $a) { state score passed feedback files { name } } }", new { a = attemptId })).Ok()["attempt"]!;
        Assert.Equal("GRADED", graded["state"]!.GetValue<string>());
        Assert.Equal(0.75, graded["score"]!.GetValue<double>(), 6);
        Assert.False(graded["passed"]!.GetValue<bool>());
        Assert.Equal("3 of 4 cases pass", graded["feedback"]!.GetValue<string>());
        item = (await learner.PostAsync(Item, new { i = Representation(itemId) })).Ok()["_entities"]![0]!["assessment"]!;
        Assert.Equal(0.75, item["viewerGrade"]!["score"]!.GetValue<double>(), 6);
        Assert.Equal(1, item["viewerAttemptsRemaining"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_lost_lease_goes_to_another_worker_and_a_submission_no_worker_grades_costs_no_attempt()
    {
        var (_, _, partner) = await app.ClientsAsync();
        var (courseId, itemId) = await app.PublishCourseAsync("ASSIGNMENT");
        var (_, learner) = await app.EnrolledLearnerAsync(courseId);
        var worker = app.Client(await app.GradingWorkerTokenAsync());
        await PublishAsync(partner, await CreateAsync(partner, itemId, maxAttempts: 1));
        var attemptId = await StartAsync(learner, itemId);
        Accepted(await learner.PostAsync(Submit, new { a = attemptId, f = new[] { new { name = "solution.py", content = "def add(a, b): return a + b\n" } } }));

        // The first worker vanishes: when its lease runs out, the job goes to the next, and the first can no longer post.
        var first = await LeaseMineAsync(worker, jobId: null);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var second = await LeaseMineAsync(worker, first.Id);
        Assert.Equal(2, second.Tries);
        Assert.Equal("LEASE_LOST", Refusal(await worker.PostAsync(Complete, new { j = first.Id, t = first.Token, s = 1.0, f = "late" }), "completeGradingJob"));

        // A worker that cannot run the grader gives the job back; it is leased again after a pause.
        Assert.Equal("QUEUED", Accepted(await worker.PostAsync(Fail, new { j = second.Id, t = second.Token }))["failGradingJob"]!["job"]!["state"]!.GetValue<string>());
        Assert.DoesNotContain(await LeasedIdsAsync(worker), id => id == second.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var third = await LeaseMineAsync(worker, first.Id);
        Assert.Equal(3, third.Tries);

        // The third lease is lost too: the submission is set aside, and the learner may submit again.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.DoesNotContain(await LeasedIdsAsync(worker), id => id == first.Id);
        var item = (await learner.PostAsync(Item, new { i = Representation(itemId) })).Ok()["_entities"]![0]!["assessment"]!;
        Assert.Equal("GRADING_FAILED", item["viewerAttempts"]![0]!["state"]!.GetValue<string>());
        Assert.Equal(1, item["viewerAttemptsRemaining"]!.GetValue<int>());
        Assert.Equal(2, Accepted(await learner.PostAsync("mutation($i: ID!) { startAttempt(input: {itemId: $i}) { attempt { number } errors { code } } }", new { i = itemId }))
            ["startAttempt"]!["attempt"]!["number"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_reference_worker_runs_the_grader_in_its_sandbox_and_the_learner_sees_the_score_and_feedback()
    {
        var (_, _, partner) = await app.ClientsAsync();
        var (courseId, itemId) = await app.PublishCourseAsync("ASSIGNMENT");
        var (_, learner) = await app.EnrolledLearnerAsync(courseId);
        await PublishAsync(partner, await CreateAsync(partner, itemId, maxAttempts: 3));

        var (authority, clientId, secret) = app.GradingWorkerCredentials();
        var work = Directory.CreateTempSubdirectory("grading-").FullName;
        using var http = new HttpClient();
        var worker = new JobGrader(new GradingWorkerOptions
        {
            Endpoint = new Uri(app.Address + "/graphql"), Authority = new Uri(authority), ClientId = clientId, ClientSecret = secret, WorkFolder = work,
        }, http, NullLogger.Instance);

        // A wrong solution first, then a right one: each is graded by the grader's own verdict.
        var attempts = new List<JsonNode>();
        foreach (var solution in new[] { "def add(a, b):\n    return a * b\n", "def add(a, b):\n    return a + b\n" })
        {
            var attemptId = await StartAsync(learner, itemId);
            Accepted(await learner.PostAsync(Submit, new { a = attemptId, f = new[] { new { name = "solution.py", content = solution } } }));
            JsonNode? attempt = null;
            await Eventually(async () =>
            {
                await worker.RunOnceAsync(CancellationToken.None);
                attempt = (await learner.PostAsync("query($a: ID!) { attempt(id: $a) { state score passed feedback } }", new { a = attemptId })).Ok()["attempt"];
                return attempt!["state"]!.GetValue<string>() == "GRADED";
            }, seconds: 60);
            attempts.Add(attempt!);
        }

        Assert.Equal(0.25, attempts[0]["score"]!.GetValue<double>(), 6); // only 2 * 2 == 2 + 2
        Assert.Equal("1 of 4 cases pass", attempts[0]["feedback"]!.GetValue<string>());
        Assert.Equal(1.0, attempts[1]["score"]!.GetValue<double>(), 6);
        Assert.True(attempts[1]["passed"]!.GetValue<bool>());
        Assert.Equal("4 of 4 cases pass", attempts[1]["feedback"]!.GetValue<string>());
        var grade = (await learner.PostAsync(Item, new { i = Representation(itemId) })).Ok()["_entities"]![0]!["assessment"]!["viewerGrade"]!;
        Assert.True(grade["passed"]!.GetValue<bool>());
        Assert.Empty(Directory.EnumerateFileSystemEntries(work)); // each job's folder is removed
    }

    internal static async Task<string> CreateAsync(GraphQLHttpClient partner, Guid itemId, int maxAttempts)
    {
        JsonNode? created = null;
        await Eventually(async () =>
        {
            created = (await partner.PostAsync(Create, new { i = itemId, g = new { script = Grader, timeLimitSeconds = 10, memoryMegabytes = 128, maxFiles = 3 },
                q = Array.Empty<object>(), p = new { maxAttempts, passingScore = 0.8 } })).Ok()["createAssessment"];
            return created!["errors"]!.AsArray().Count == 0;
        });
        Assert.Equal("ASSIGNMENT", created!["assessment"]!["kind"]!.GetValue<string>());
        return created["assessment"]!["id"]!.GetValue<string>();
    }

    internal static async Task PublishAsync(GraphQLHttpClient partner, string assessmentId) =>
        Accepted(await partner.PostAsync("mutation($a: ID!) { publishAssessment(input: {assessmentId: $a}) { errors { code } } }", new { a = assessmentId }));

    internal static async Task<string> StartAsync(GraphQLHttpClient learner, Guid itemId)
    {
        JsonNode? started = null;
        await Eventually(async () =>
        {
            started = (await learner.PostAsync("mutation($i: ID!) { startAttempt(input: {itemId: $i}) { attempt { id } errors { code } } }", new { i = itemId })).Ok()["startAttempt"];
            return started!["errors"]!.AsArray().Count == 0;
        });
        return started!["attempt"]!["id"]!.GetValue<string>();
    }

    /// <summary>The item as the gateway names it to this subgraph (the tests call the subgraph directly).</summary>
    internal static object[] Representation(Guid itemId) => [new Dictionary<string, object> { ["__typename"] = "Item", ["id"] = itemId }];

    internal static string? Refusal(GraphQLResponse response, string field) =>
        response.Ok()[field]!["errors"]!.AsArray().FirstOrDefault()?["code"]!.GetValue<string>();

    /// <summary>Leases jobs until it gets <paramref name="jobId"/> (any job when null), giving back none: other tests' jobs may wait too.</summary>
    private static async Task<(string Id, string Token, int Tries)> LeaseMineAsync(GraphQLHttpClient worker, string? jobId)
    {
        while (true)
        {
            var job = Accepted(await worker.PostAsync(Lease, new { s = 60 }))["leaseGradingJob"]!["job"]
                ?? throw new InvalidOperationException($"No job to lease; expected {jobId ?? "one"}.");
            if (jobId is null || job["id"]!.GetValue<string>() == jobId)
            {
                return (job["id"]!.GetValue<string>(), job["leaseToken"]!.GetValue<string>(), job["tries"]!.GetValue<int>());
            }
        }
    }

    private static async Task<List<string>> LeasedIdsAsync(GraphQLHttpClient worker)
    {
        var ids = new List<string>();
        while (Accepted(await worker.PostAsync(Lease, new { s = 60 }))["leaseGradingJob"]!["job"] is { } job)
        {
            ids.Add(job["id"]!.GetValue<string>());
        }

        return ids;
    }
}
