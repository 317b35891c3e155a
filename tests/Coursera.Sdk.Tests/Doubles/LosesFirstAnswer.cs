using System.Collections.Concurrent;

namespace Coursera.Sdk.Tests.Doubles;

/// <summary>
/// A network that delivers the first POST to the API and then loses its answer, as a connection reset after the server
/// has done the work does: the SDK must retry, and the platform must not do the work twice.
/// </summary>
public sealed class LosesFirstAnswer(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _lost;

    /// <summary>The Idempotency-Key of every POST to the API that reached the platform, in order.</summary>
    public ConcurrentQueue<string?> PostKeys { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return response;
        }

        PostKeys.Enqueue(request.Headers.TryGetValues(IdempotencyKey.Header, out var keys) ? keys.Single() : null);
        if (Interlocked.Exchange(ref _lost, 1) == 1)
        {
            return response;
        }

        response.Dispose();
        throw new HttpRequestException("The connection was reset before the answer arrived (test double).");
    }
}
