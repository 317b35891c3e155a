using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Coursera.Bench.Learner;

/// <summary>What one attempt load run answered: start and submit durations, failures, wall time.</summary>
internal sealed record AttemptLoadResult(List<double> Starts, List<double> Submits, int Failures, IReadOnlyList<string> FailureSamples, TimeSpan Elapsed);

/// <summary>
/// Learners taking quizzes: each client, in a loop with no pause, starts an attempt at the quiz of one of its learner's
/// courses (client n plays learner n modulo the learners) and submits every answer at once, half of them right. Every
/// answer is checked: HTTP 200, no GraphQL error, no user error, a graded attempt.
/// </summary>
internal sealed class AttemptLoad(HttpMessageHandler handler, Uri gateway, IReadOnlyList<BenchLearner> learners, IReadOnlyDictionary<string, string> quizByCourse,
    int questions)
{
    private const string Start = "mutation($i: ID!) { startAttempt(input: {itemId: $i}) { attempt { id } errors { code } } }";
    private const string Submit = "mutation($a: ID!, $answers: [AnswerInput!]) { submitAttempt(input: {attemptId: $a, answers: $answers}) { attempt { state score } errors { code } } }";

    public async Task<AttemptLoadResult> RunAsync(int clients, TimeSpan duration)
    {
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, clients).Select(n => Task.Run(() => ClientAsync(http, n, clock, duration))));
        return new AttemptLoadResult([.. runs.SelectMany(r => r.Starts)], [.. runs.SelectMany(r => r.Submits)], runs.Sum(r => r.Failures),
            [.. runs.SelectMany(r => r.FailureSamples).Take(5)], clock.Elapsed);
    }

    private async Task<AttemptLoadResult> ClientAsync(HttpClient http, int n, Stopwatch clock, TimeSpan duration)
    {
        var learner = learners[n % learners.Count];
        var authorization = new AuthenticationHeaderValue("Bearer", learner.AccessToken);
        var answers = Enumerable.Range(0, questions).Select(q => q % 2 == 0
            ? (object)new { questionId = $"q{q}", choiceIds = new[] { q % 4 == 0 ? "b" : "a" } }
            : new { questionId = $"q{q}", number = (double)(q % 4 == 1 ? q : q + 1) }).ToArray();
        var (starts, submits, samples) = (new List<double>(), new List<double>(), new List<string>());
        var failures = 0;
        var round = 0;
        while (clock.Elapsed < duration)
        {
            var quiz = quizByCourse[learner.Courses[round++ % learner.Courses.Count].Id];
            try
            {
                var (started, startMs) = await PostAsync(http, authorization, Start, new { i = quiz });
                var attemptId = started.GetProperty("startAttempt").GetProperty("attempt").GetProperty("id").GetString();
                var (graded, submitMs) = await PostAsync(http, authorization, Submit, new { a = attemptId, answers });
                if (graded.GetProperty("submitAttempt").GetProperty("attempt").GetProperty("state").GetString() != "GRADED")
                {
                    throw new InvalidOperationException(graded.GetRawText());
                }

                starts.Add(startMs);
                submits.Add(submitMs);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or KeyNotFoundException)
            {
                failures++;
                if (samples.Count < 5)
                {
                    samples.Add(e.Message);
                }
            }
        }

        return new AttemptLoadResult(starts, submits, failures, samples, clock.Elapsed);
    }

    private static async Task<(JsonElement Data, double Milliseconds)> PostAsync(HttpClient http, AuthenticationHeaderValue authorization, string query, object variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { query, variables })),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = authorization;
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if ((int)response.StatusCode != 200 || root.TryGetProperty("errors", out _)
            || root.GetProperty("data").EnumerateObject().First().Value.GetProperty("errors").GetArrayLength() != 0)
        {
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {root.GetRawText()}");
        }

        return (root.GetProperty("data").Clone(), milliseconds);
    }
}
