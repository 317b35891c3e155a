using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Coursera.Bench.Learner;

/// <summary>What one load run answered: every request's duration by event, the failures, and the wall time.</summary>
internal sealed record LoadResult(List<double> VideoPositions, List<double> Completions, int Failures, IReadOnlyList<string> FailureSamples, TimeSpan Elapsed)
{
    public int Requests => VideoPositions.Count + Completions.Count;
}

/// <summary>
/// Learners' players reporting progress: each client, in a loop with no pause, posts one <c>recordProgress</c> for
/// its learner (client n plays learner n modulo the learners), on a random item of one of their courses: mostly the
/// video position (a player reports it every few seconds), one in four COMPLETED. Every answer is checked: HTTP 200,
/// no GraphQL error, no user error.
/// </summary>
internal sealed class ProgressLoad(HttpMessageHandler handler, Uri gateway, IReadOnlyList<BenchLearner> learners)
{
    public async Task<LoadResult> RunAsync(int clients, TimeSpan duration)
    {
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, clients).Select(n => Task.Run(() => ClientAsync(http, n, clock, duration))));
        var elapsed = clock.Elapsed;
        return new LoadResult(
            [.. runs.SelectMany(r => r.VideoPositions)],
            [.. runs.SelectMany(r => r.Completions)],
            runs.Sum(r => r.Failures),
            [.. runs.SelectMany(r => r.FailureSamples).Take(5)],
            elapsed);
    }

    private async Task<LoadResult> ClientAsync(HttpClient http, int n, Stopwatch clock, TimeSpan duration)
    {
        var learner = learners[n % learners.Count];
        var random = new Random(n); // the same sequence of reports on every run
        var authorization = new AuthenticationHeaderValue("Bearer", learner.AccessToken);
        var videoPositions = new List<double>();
        var completions = new List<double>();
        var failures = 0;
        var samples = new List<string>();
        while (clock.Elapsed < duration)
        {
            var course = learner.Courses[random.Next(learner.Courses.Count)];
            var item = course.Items[random.Next(course.Items.Count)];
            var completed = random.Next(4) == 0;
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                query = Scenario.RecordProgress,
                variables = completed
                    ? (object)new { i = item, e = "COMPLETED" }
                    : new { i = item, e = "VIDEO_POSITION", p = Math.Round(random.NextDouble() * 900, 1) },
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = authorization;

            var started = Stopwatch.GetTimestamp();
            string? failure;
            try
            {
                using var response = await http.SendAsync(request);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                failure = Check((int)response.StatusCode, bytes);
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException e)
            {
                failure = e.Message;
            }

            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (failure is not null)
            {
                failures++;
                if (samples.Count < 5)
                {
                    samples.Add(failure);
                }
            }
            else
            {
                (completed ? completions : videoPositions).Add(milliseconds);
            }
        }

        return new LoadResult(videoPositions, completions, failures, samples, clock.Elapsed);
    }

    private static string? Check(int status, byte[] body)
    {
        if (status != 200)
        {
            return $"HTTP {status}: {System.Text.Encoding.UTF8.GetString(body)}";
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.TryGetProperty("errors", out _)
            || !root.TryGetProperty("data", out var data)
            || data.GetProperty("recordProgress").GetProperty("errors").GetArrayLength() != 0
            || data.GetProperty("recordProgress").GetProperty("progress").ValueKind != JsonValueKind.Object)
        {
            return root.GetRawText();
        }

        return null;
    }
}
