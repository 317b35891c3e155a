using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Coursera.Sdk.Tests.Doubles;

/// <summary>
/// A proxy that answers the first request to the API itself (a 503 or 429 with <c>Retry-After</c>, say) and forwards
/// the others to the platform, noting when each request left.
/// </summary>
public sealed class AnswersFirstItself(HttpMessageHandler inner, HttpStatusCode status, TimeSpan retryAfter, string? problemCode = null)
    : DelegatingHandler(inner)
{
    private int _answered;

    /// <summary>When each request to the API was sent, in order.</summary>
    public ConcurrentQueue<DateTimeOffset> Attempts { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.RequestUri!.AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return base.SendAsync(request, cancellationToken);
        }

        Attempts.Enqueue(DateTimeOffset.UtcNow);
        if (Interlocked.Exchange(ref _answered, 1) == 1)
        {
            return base.SendAsync(request, cancellationToken);
        }

        var response = new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent($$"""{"status":{{(int)status}},"title":"Try again later.","code":"{{problemCode ?? "UNAVAILABLE"}}"}""",
                Encoding.UTF8, "application/problem+json"),
        };
        response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
        return Task.FromResult(response);
    }
}
