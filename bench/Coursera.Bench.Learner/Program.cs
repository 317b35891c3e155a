using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime;
using System.Text.Json;

namespace Coursera.Bench.Learner;

/// <summary>
/// Learner subgraph benchmark, through the gateway's <c>/graphql</c> of the all-in-one host on a Kestrel port of this
/// process: (a) progress reports ingested per second from many signed-in learners at once, and (b) the latency of the
/// "my learning" page of a learner with many enrollments, one request at a time. Prints a Markdown table.
/// </summary>
internal static class LearnerBench
{
    private const string MyLearning =
        "{ viewer { enrollments(first: 50) { nodes { course { title modules { items { title viewerProgress { state } } } } } } } }";

    public static async Task<int> Main()
    {
        var postgres = Environment.GetEnvironmentVariable("BENCH_POSTGRES") ?? throw new InvalidOperationException("Set BENCH_POSTGRES.");
        var redis = Environment.GetEnvironmentVariable("BENCH_REDIS") ?? throw new InvalidOperationException("Set BENCH_REDIS.");
        var seconds = Setting("BENCH_SECONDS", 20);
        var warmupSeconds = Setting("BENCH_WARMUP_SECONDS", 10);
        var clients = Setting("BENCH_CLIENTS", 32);
        var learnerCount = Setting("BENCH_LEARNERS", 32);
        var learnerEnrollments = Setting("BENCH_LEARNER_ENROLLMENTS", 5);
        var courseCount = Setting("BENCH_COURSES", 50);
        var modules = Setting("BENCH_MODULES", 3);
        var items = Setting("BENCH_ITEMS", 4);
        var requests = Setting("BENCH_REQUESTS", 200);
        var quizQuestions = Setting("BENCH_QUIZ_QUESTIONS", 20);

        if (courseCount is < 1 or > 50)
        {
            throw new InvalidOperationException("BENCH_COURSES is between 1 and 50: the page asks for the first 50 enrollments.");
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        var loadBefore = LoadAverage();

        await using var host = new PlatformHost(postgres, redis);
        var setup = Stopwatch.StartNew();
        await host.StartAsync();
        var hostStarted = setup.Elapsed;

        // One pool of connections for every client of the benchmark, as many as the clients in flight need.
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false };
        var scenario = new Scenario(host, handler);
        var courses = await scenario.PublishCoursesAsync(courseCount, modules, items, run);

        // (b)'s learner: the seeded one, in every course, with progress in two items of each (one done, one watched).
        var anaPassword = host.Credentials.Users.Single(u => u.Email == "learner@acme.example").Password;
        var ana = new BenchLearner("learner@acme.example", await scenario.SignInLearnerAsync("learner@acme.example", anaPassword), courses);
        var anaGateway = scenario.Gateway(ana.AccessToken);
        foreach (var course in courses)
        {
            await scenario.EnrollAsync(anaGateway, course);
            await Scenario.RecordAsync(anaGateway, course.Items[0], "COMPLETED");
            await Scenario.RecordAsync(anaGateway, course.Items[1], "VIDEO_POSITION", 120);
        }

        // (a)'s learners: invited, signed in, each in a few of the courses (spread so every course has some).
        var invited = await scenario.InviteLearnersAsync(learnerCount, run);
        var learners = new BenchLearner[learnerCount];
        await Parallel.ForAsync(0, learnerCount, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (n, _) =>
        {
            var token = await scenario.SignInLearnerAsync(invited[n].Email, invited[n].Password);
            var theirs = Enumerable.Range(0, learnerEnrollments).Select(k => courses[((n * learnerEnrollments) + k) % courses.Count]).Distinct().ToList();
            var gateway = scenario.Gateway(token);
            foreach (var course in theirs)
            {
                await scenario.EnrollAsync(gateway, course);
            }

            learners[n] = new BenchLearner(invited[n].Email, token, theirs);
        });
        var setupTime = setup.Elapsed;

        // (a) Progress ingestion: a warm-up run (JIT, connection pools, PostgreSQL's caches), then the measured one.
        var load = new ProgressLoad(handler, host.Address, learners);
        var warmup = await load.RunAsync(clients, TimeSpan.FromSeconds(warmupSeconds));
        var settled = await SettleAsync();

        // Short rounds more while they still make the JIT work: code that only became hot once the first round's new
        // code stopped appearing is promoted then, and would otherwise be compiled during the measured load.
        var warmupFailures = warmup.Failures;
        var warmupReports = warmup.Requests;
        var failureSamples = new List<string>(warmup.FailureSamples);
        for (var round = 0; round < 5; round++)
        {
            var compiled = JitInfo.GetCompilationTime();
            var more = await load.RunAsync(clients, TimeSpan.FromSeconds(5));
            settled += await SettleAsync();
            warmupFailures += more.Failures;
            warmupReports += more.Requests;
            failureSamples.AddRange(more.FailureSamples);
            if (JitInfo.GetCompilationTime() - compiled < TimeSpan.FromMilliseconds(200))
            {
                break;
            }
        }

        await using var meter = new ResourceMeter(postgres);
        var stopLoad = await meter.StartAsync();
        var measured = await load.RunAsync(clients, TimeSpan.FromSeconds(seconds));
        var loadUsage = await stopLoad();

        // What the host and PostgreSQL spend doing nothing (relays and consumers polling, timers, PostgreSQL's own
        // workers), so the CPU per request below can leave it out: one request at a time leaves both mostly idle.
        settled += await SettleAsync();
        var stopIdle = await meter.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var idle = await stopIdle();

        // (b) The page of Ana's 50 enrollments, one request at a time; then a learner with a few, for the scale.
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
        var expectedProgress = courses.Count * 2;
        var page = await SequentialAsync(http, meter, ana.AccessToken, requests, () => (MyLearning, null),
            body => CheckPage(body, courses.Count, courses.Count * modules * items, expectedProgress));
        var smallLearner = learners[0];
        var smallPage = await SequentialAsync(http, meter, smallLearner.AccessToken, requests, () => (MyLearning, null),
            body => CheckPage(body, smallLearner.Courses.Count, smallLearner.Courses.Count * modules * items, null));

        // recordProgress alone, one request at a time: its cost with 50 enrollments against a few, and the floor of any
        // signed-in request (HTTP, token validation, the gateway's parsing and validation; no subgraph is asked).
        var position = 0;
        var anaReports = await SequentialAsync(http, meter, ana.AccessToken, requests,
            () => (Scenario.RecordProgress, new { i = courses[position % courses.Count].Items[1], e = "VIDEO_POSITION", p = 100 + (position++ % 600) }), CheckReport);
        var smallReports = await SequentialAsync(http, meter, smallLearner.AccessToken, requests,
            () => (Scenario.RecordProgress, new { i = smallLearner.Courses[position % smallLearner.Courses.Count].Items[1], e = "VIDEO_POSITION", p = 100 + (position++ % 600) }), CheckReport);
        var floor = await SequentialAsync(http, meter, ana.AccessToken, requests, () => ("{ __typename }", null), _ => { });

        // (c) Quizzes graded on the server: every course's quiz gets an assessment of quizQuestions questions; learners
        // start attempts and submit all their answers at once, as many as the clients can; a warm-up run first.
        var quizzes = await scenario.AuthorQuizzesAsync(courses, quizQuestions);
        var quizByCourse = courses.Zip(quizzes).ToDictionary(p => p.First.Id, p => p.Second);
        var attempts = new AttemptLoad(handler, host.Address, learners, quizByCourse, quizQuestions);
        var attemptWarmup = await attempts.RunAsync(clients, TimeSpan.FromSeconds(warmupSeconds));
        settled += await SettleAsync();
        var stopAttempts = await meter.StartAsync();
        var attemptRun = await attempts.RunAsync(clients, TimeSpan.FromSeconds(seconds));
        var attemptUsage = await stopAttempts();
        var loadAfter = LoadAverage();

        var all = new Latencies([.. measured.VideoPositions, .. measured.Completions]);
        var videos = new Latencies(measured.VideoPositions);
        var completions = new Latencies(measured.Completions);
        var rps = measured.Requests / measured.Elapsed.TotalSeconds;
        static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        // Per request: CPU milliseconds of the host process and of PostgreSQL, and SQL statements, less what the idle
        // platform uses in the same time.
        string Cost(ResourceUsage used, int count)
        {
            var idleFor = used.Elapsed / idle.Elapsed;
            var hostMilliseconds = (used.Process - (idle.Process * idleFor)).TotalMilliseconds / count;
            var postgresMilliseconds = used.Postgres is { } postgresUsed && idle.Postgres is { } postgresIdle
                ? F($"{(postgresUsed - (postgresIdle * idleFor)).TotalMilliseconds / count:N1} ms")
                : "n/a";
            var statements = used.Statements is { } ran && idle.Statements is { } idleRan ? F($"{(ran - (idleRan * idleFor)) / count:N1}") : "n/a";
            return F($"{hostMilliseconds:N1} ms + {postgresMilliseconds}, {statements} SQL");
        }

        static string Share(TimeSpan? used, TimeSpan elapsed) => used is { } value ? F($"{value / elapsed * 100:N0} %") : "n/a";

        Console.WriteLine();
        Console.WriteLine(F($"Load average {loadBefore} before, {loadAfter} after; {Environment.ProcessorCount} cores. Host started in {hostStarted.TotalSeconds:N1} s, setup done at {setupTime.TotalSeconds:N1} s ({courses.Count} courses of {modules} modules x {items} items, {learnerCount} learners x {learnerEnrollments} enrollments); warm-up {warmupReports:N0} reports ({warmupFailures} failed)."));
        Console.WriteLine(F($"JIT: {JitInfo.GetCompiledMethodCount():N0} methods compiled, {JitInfo.GetCompilationTime().TotalSeconds:N1} s of compilation in all; {settled.TotalSeconds:N0} s spent waiting for it to settle before measuring; {loadUsage.Jit.TotalMilliseconds:N0} ms of it during the measured load."));
        Console.WriteLine("Cost per request: CPU of the host process (the host and this benchmark's clients) + CPU of PostgreSQL, and SQL statements; less what the idle platform uses meanwhile.");
        Console.WriteLine();
        Console.WriteLine("| measurement | result |");
        Console.WriteLine("| --- | ---: |");
        Console.WriteLine(F($"| (a) `recordProgress`, {clients} concurrent clients, {learnerCount} learners with {learnerEnrollments} enrollments each, {seconds} s | **{rps:N0} reports/s** ({measured.Requests:N0} in {measured.Elapsed.TotalSeconds:N1} s, {measured.Failures} failed) |"));
        Console.WriteLine(F($"| (a) latency p50 / p95 / p99 / max | {all.Format(50, 95, 99)} / {all.Max:N0} ms |"));
        Console.WriteLine(F($"| (a) VIDEO_POSITION ({videos.Count:N0}) p50 / p99 | {videos.Format(50, 99)} |"));
        Console.WriteLine(F($"| (a) COMPLETED ({completions.Count:N0}) p50 / p99 | {completions.Format(50, 99)} |"));
        Console.WriteLine(F($"| (a) CPU, % of a core: host process, PostgreSQL | {Share(loadUsage.Process, loadUsage.Elapsed)}, {Share(loadUsage.Postgres, loadUsage.Elapsed)} |"));
        Console.WriteLine(F($"| (a) cost per report | {Cost(loadUsage, measured.Requests)} |"));
        Console.WriteLine(F($"| idle: CPU, % of a core, of the host process (pollers) and PostgreSQL; SQL statements/s | {Share(idle.Process, idle.Elapsed)}, {Share(idle.Postgres, idle.Elapsed)}; {(idle.Statements is { } idleStatements ? F($"{idleStatements / idle.Elapsed.TotalSeconds:N0}") : "n/a")} |"));
        Console.WriteLine(F($"| (b) my-learning page, {courses.Count} enrollments ({page.Bytes / 1024.0:N0} KB, {courses.Count * modules * items} items, {expectedProgress} with progress), {requests} sequential: p50 / p95 / p99 / max | **{page.Latencies.Format(50, 95, 99)}** / {page.Latencies.Max:N0} ms |"));
        Console.WriteLine(F($"| (b) cost per page | {Cost(page.Usage, requests)} ({page.Usage.Jit.TotalMilliseconds:N0} ms of JIT in the run) |"));
        Console.WriteLine(F($"| same page, {smallLearner.Courses.Count} enrollments ({smallPage.Bytes / 1024.0:N0} KB): p50 / p95 / p99; cost | {smallPage.Latencies.Format(50, 95, 99)}; {Cost(smallPage.Usage, requests)} |"));
        Console.WriteLine(F($"| ratio {courses.Count} / {smallLearner.Courses.Count} enrollments: p50; host CPU per page | {page.Latencies.Percentile(50) / smallPage.Latencies.Percentile(50):N1}x; {(page.Usage.Process - (idle.Process * (page.Usage.Elapsed / idle.Elapsed))) / (smallPage.Usage.Process - (idle.Process * (smallPage.Usage.Elapsed / idle.Elapsed))):N1}x |"));
        Console.WriteLine(F($"| `recordProgress` alone, {requests} sequential, {courses.Count} enrollments: p50 / p99; cost | {anaReports.Latencies.Format(50, 99)}; {Cost(anaReports.Usage, requests)} |"));
        Console.WriteLine(F($"| `recordProgress` alone, {requests} sequential, {smallLearner.Courses.Count} enrollments: p50 / p99; cost | {smallReports.Latencies.Format(50, 99)}; {Cost(smallReports.Usage, requests)} |"));
        Console.WriteLine(F($"| floor: `{{ __typename }}` signed in, {requests} sequential: p50 / p99; cost | {floor.Latencies.Format(50, 99)}; {Cost(floor.Usage, requests)} |"));

        var submits = new Latencies(attemptRun.Submits);
        var starts = new Latencies(attemptRun.Starts);
        Console.WriteLine(F($"| (c) `startAttempt` + `submitAttempt` of {quizQuestions} questions, {clients} concurrent clients, {seconds} s | **{attemptRun.Submits.Count / attemptRun.Elapsed.TotalSeconds:N0} graded attempts/s** ({attemptRun.Submits.Count:N0}, {attemptRun.Failures} failed; warm-up {attemptWarmup.Submits.Count:N0}, {attemptWarmup.Failures} failed) |"));
        Console.WriteLine(F($"| (c) `submitAttempt` p50 / p95 / p99 / max | **{submits.Format(50, 95, 99)}** / {submits.Max:N0} ms |"));
        Console.WriteLine(F($"| (c) `startAttempt` p50 / p99 | {starts.Format(50, 99)} |"));
        Console.WriteLine(F($"| (c) CPU, % of a core: host process, PostgreSQL | {Share(attemptUsage.Process, attemptUsage.Elapsed)}, {Share(attemptUsage.Postgres, attemptUsage.Elapsed)} |"));
        Console.WriteLine(F($"| (c) cost per attempt (start and submit) | {Cost(attemptUsage, Math.Max(1, attemptRun.Submits.Count))} |"));

        WriteStatements(F($"(a) `recordProgress` under load, per report"), loadUsage, measured.Requests);
        WriteStatements(F($"(c) an attempt started and submitted, per attempt"), attemptUsage, Math.Max(1, attemptRun.Submits.Count));
        WriteStatements(F($"(b) the page of {courses.Count} enrollments, per page"), page.Usage, requests);

        if (attemptRun.Failures + attemptWarmup.Failures > 0)
        {
            Console.Error.WriteLine("Failed attempts, for example:");
            foreach (var sample in attemptWarmup.FailureSamples.Concat(attemptRun.FailureSamples).Take(5))
            {
                Console.Error.WriteLine($"  {sample}");
            }

            return 1;
        }

        if (measured.Failures + warmupFailures > 0)
        {
            Console.Error.WriteLine("Failed reports, for example:");
            foreach (var sample in failureSamples.Concat(measured.FailureSamples).Take(5))
            {
                Console.Error.WriteLine($"  {sample}");
            }

            return 1;
        }

        return 0;
    }

    /// <summary>
    /// Warm-up rounds of 30 requests, each followed by a pause while the JIT recompiles what it ran, until a round
    /// compiles little more (tiered compilation counts calls only once new code has stopped appearing, so one round is
    /// not always enough); then <paramref name="count"/> requests one after the other, each answer checked after its
    /// time is taken.
    /// </summary>
    private static async Task<SequentialRun> SequentialAsync(HttpClient http, ResourceMeter meter, string token, int count,
        Func<(string Query, object? Variables)> next, Action<JsonElement> check)
    {
        var authorization = new AuthenticationHeaderValue("Bearer", token);
        for (var round = 0; round < 5; round++)
        {
            var compiled = JitInfo.GetCompilationTime();
            for (var n = 0; n < 30; n++)
            {
                await SendAsync(http, authorization, next(), check);
            }

            await SettleAsync();
            if (JitInfo.GetCompilationTime() - compiled < TimeSpan.FromMilliseconds(100))
            {
                break;
            }
        }

        var milliseconds = new List<double>(count);
        var bytes = 0;
        var stop = await meter.StartAsync();
        for (var n = 0; n < count; n++)
        {
            (var elapsed, bytes) = await SendAsync(http, authorization, next(), check);
            milliseconds.Add(elapsed);
        }

        return new SequentialRun(new Latencies(milliseconds), bytes, await stop());
    }

    private static async Task<(double Milliseconds, int Bytes)> SendAsync(HttpClient http, AuthenticationHeaderValue authorization,
        (string Query, object? Variables) operation, Action<JsonElement> check)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { query = operation.Query, variables = operation.Variables })),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = authorization;
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if ((int)response.StatusCode != 200)
        {
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        using var document = JsonDocument.Parse(body);
        if (document.RootElement.TryGetProperty("errors", out var errors))
        {
            throw new InvalidOperationException($"GraphQL errors: {errors.GetRawText()}");
        }

        check(document.RootElement.GetProperty("data"));
        return (elapsed, body.Length);
    }

    /// <summary>The statements that took PostgreSQL longest in a measurement (the idle platform's included), per request.</summary>
    private static void WriteStatements(string title, ResourceUsage usage, int requests)
    {
        if (usage.TopStatements.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"Statements that took PostgreSQL longest, {title}:");
        Console.WriteLine();
        Console.WriteLine("| calls | ms | statement |");
        Console.WriteLine("| ---: | ---: | --- |");
        foreach (var statement in usage.TopStatements)
        {
            var text = string.Join(' ', statement.Query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries)).Replace("|", "\\|", StringComparison.Ordinal);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(double)statement.Calls / requests:N2} | {statement.Milliseconds / requests:N2} | `{(text.Length > 160 ? text[..160] + "…" : text)}` |"));
        }
    }

    /// <summary>One request at a time: the durations, the last answer's size, and the CPU used meanwhile.</summary>
    private sealed record SequentialRun(Latencies Latencies, int Bytes, ResourceUsage Usage);

    /// <summary>Every enrollment's course with its whole outline, and (when known) exactly the items with progress.</summary>
    private static void CheckPage(JsonElement data, int enrollments, int items, int? withProgress)
    {
        var nodes = data.GetProperty("viewer").GetProperty("enrollments").GetProperty("nodes");
        var allItems = nodes.EnumerateArray()
            .SelectMany(n => n.GetProperty("course").GetProperty("modules").EnumerateArray())
            .SelectMany(m => m.GetProperty("items").EnumerateArray())
            .ToList();
        var started = allItems.Count(i => i.GetProperty("viewerProgress").ValueKind == JsonValueKind.Object);
        if (nodes.GetArrayLength() != enrollments || allItems.Count != items || (withProgress is { } expected && started != expected))
        {
            throw new InvalidOperationException(
                $"Expected {enrollments} enrollments, {items} items, {withProgress} with progress; got {nodes.GetArrayLength()}, {allItems.Count}, {started}.");
        }
    }

    private static void CheckReport(JsonElement data)
    {
        var errors = data.GetProperty("recordProgress").GetProperty("errors");
        if (errors.GetArrayLength() != 0)
        {
            throw new InvalidOperationException($"recordProgress refused: {errors.GetRawText()}");
        }
    }

    /// <summary>
    /// Waits until the JIT has stopped recompiling: tiered compilation promotes the methods a warm-up made hot on a
    /// background thread, and in trial runs that took most of a core for 20 s after a 15 s load (the host compiles over
    /// 60,000 methods), CPU the measured requests would otherwise share on two cores. Settled when compilation grew by
    /// under 50 ms in 2 s; at most 3 minutes.
    /// </summary>
    private static async Task<TimeSpan> SettleAsync()
    {
        var waiting = Stopwatch.StartNew();
        var before = JitInfo.GetCompilationTime();
        while (waiting.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var now = JitInfo.GetCompilationTime();
            if (now - before < TimeSpan.FromMilliseconds(50))
            {
                break;
            }

            before = now;
        }

        return waiting.Elapsed;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int Setting(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
