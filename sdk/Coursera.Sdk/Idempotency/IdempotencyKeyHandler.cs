namespace Coursera.Sdk.Idempotency;

/// <summary>
/// Gives every POST that has none an <c>Idempotency-Key</c>. It sits above the retry handler, so all the attempts of one
/// call carry the same key and the platform runs the call once, however many of its answers were lost.
/// </summary>
internal sealed class IdempotencyKeyHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && !request.Headers.Contains(IdempotencyKey.Header))
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKey.Header, IdempotencyKey.Current ?? Guid.NewGuid().ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
