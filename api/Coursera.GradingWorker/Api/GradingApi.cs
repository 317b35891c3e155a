using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.GradingWorker.Sandbox;

namespace Coursera.GradingWorker.Api;

/// <summary>
/// The grading queue's three mutations, over GraphQL over HTTP with the worker's token. Refusals come back in the
/// payload's <c>errors { code message path }</c>, the platform's shape for every mutation.
/// </summary>
internal sealed class GradingApi(GradingWorkerOptions options, HttpClient http, ClientCredentials credentials)
{
    private const string LeaseMutation = """
        mutation Lease($input: LeaseGradingJobInput!) {
          leaseGradingJob(input: $input) {
            job {
              id leaseToken leaseExpiresAt
              grader { language script timeLimitSeconds memoryMegabytes }
              files { name content }
            }
            errors { code message path }
          }
        }
        """;

    private const string CompleteMutation = """
        mutation Complete($input: CompleteGradingJobInput!) {
          completeGradingJob(input: $input) { job { id state } errors { code message path } }
        }
        """;

    private const string FailMutation = """
        mutation Fail($input: FailGradingJobInput!) {
          failGradingJob(input: $input) { job { id state } errors { code message path } }
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The next job, or null when the queue is empty.</summary>
    public async Task<GradingJob?> LeaseAsync(CancellationToken cancellationToken)
    {
        var payload = await MutateAsync(LeaseMutation, "leaseGradingJob", new { leaseSeconds = options.LeaseSeconds }, cancellationToken);
        ThrowOnUserErrors("leaseGradingJob", payload, out _);
        return payload["job"]?.Deserialize<GradingJob>(Json);
    }

    /// <summary>Posts the grade; false when the lease was lost to another worker.</summary>
    public async Task<bool> CompleteAsync(GradingJob job, GradingOutcome outcome, CancellationToken cancellationToken)
    {
        var payload = await MutateAsync(CompleteMutation, "completeGradingJob", new
        {
            jobId = job.Id,
            leaseToken = job.LeaseToken,
            fractionalScore = outcome.FractionalScore,
            feedback = outcome.Feedback,
        }, cancellationToken);
        ThrowOnUserErrors("completeGradingJob", payload, out var leaseLost);
        return !leaseLost;
    }

    /// <summary>Hands the job back to be graded again; false when the lease was lost to another worker.</summary>
    public async Task<bool> FailAsync(GradingJob job, string error, CancellationToken cancellationToken)
    {
        var payload = await MutateAsync(FailMutation, "failGradingJob", new { jobId = job.Id, leaseToken = job.LeaseToken, error },
            cancellationToken);
        ThrowOnUserErrors("failGradingJob", payload, out var leaseLost);
        return !leaseLost;
    }

    private static void ThrowOnUserErrors(string field, JsonObject payload, out bool leaseLost)
    {
        var errors = payload["errors"]?.Deserialize<List<UserError>>(Json) ?? [];
        leaseLost = errors.Exists(e => e.Code == UserError.LeaseLost);
        var others = errors.Where(e => e.Code != UserError.LeaseLost).ToList();
        if (others.Count > 0)
        {
            throw new GradingApiException(
                $"{field} refused: {string.Join("; ", others.Select(e => $"{e.Code} {e.Message}{(e.Path is { Count: > 0 } ? $" ({string.Join('.', e.Path)})" : "")}"))}");
        }
    }

    private async Task<JsonObject> MutateAsync(string query, string field, object input, CancellationToken cancellationToken)
    {
        var token = await credentials.AccessTokenAsync(cancellationToken);
        using var first = await PostAsync(query, input, token, cancellationToken);
        using var retried = first.StatusCode == HttpStatusCode.Unauthorized
            ? await RetryWithNewTokenAsync(query, input, token, cancellationToken)
            : null;
        var response = retried ?? first;

        JsonObject? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        }
        catch (JsonException)
        {
            // Reported below with the status, which says more than a body that is not GraphQL's.
        }

        if (body?["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw new GradingApiException(
                $"{field} failed ({(int)response.StatusCode}): {string.Join("; ", errors.Select(e => e?["message"]?.GetValue<string>()))}");
        }

        if (!response.IsSuccessStatusCode || body?["data"]?[field] is not JsonObject payload)
        {
            throw new GradingApiException($"{field} failed: {options.Endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return payload;
    }

    private async Task<HttpResponseMessage> RetryWithNewTokenAsync(string query, object input, string rejected, CancellationToken cancellationToken)
    {
        credentials.Reject(rejected);
        var token = await credentials.AccessTokenAsync(cancellationToken);
        return await PostAsync(query, input, token, cancellationToken);
    }

    private async Task<HttpResponseMessage> PostAsync(string query, object input, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint)
        {
            Content = JsonContent.Create(new { query, variables = new { input } }, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        request.Headers.Accept.ParseAdd("application/json;q=0.9");
        return await http.SendAsync(request, cancellationToken);
    }
}
