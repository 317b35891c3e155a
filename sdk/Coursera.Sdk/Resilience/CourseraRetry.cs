using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Coursera.Sdk.Resilience;

/// <summary>
/// The retry strategy of the SDK's resilience pipeline: transient failures (network errors, 408, 429, 5xx) and a 409
/// for an idempotency key whose first request is still running are tried again, after the response's
/// <c>Retry-After</c> when it has one, else after an exponential, jittered backoff.
/// </summary>
internal static class CourseraRetry
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, RetryOptions options)
    {
        if (options.MaxRetries == 0)
        {
            return;
        }

        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.Delay,
            MaxDelay = options.MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome) || KeyInUse(args.Outcome)),
        });
    }

    /// <summary>
    /// 409 with <c>Retry-After</c> to a request with an idempotency key: the platform is still running the first request
    /// with this key (its answer was lost, or a retry overtook it); asking again after the delay gets that request's answer.
    /// </summary>
    private static bool KeyInUse(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { StatusCode: HttpStatusCode.Conflict } response
        && response.Headers.RetryAfter is not null
        && response.RequestMessage?.Headers.Contains(IdempotencyKey.Header) == true;
}
