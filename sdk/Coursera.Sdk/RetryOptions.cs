namespace Coursera.Sdk;

/// <summary>
/// How the SDK tries a request again after a transient failure: a network error, 408, 429, 5xx, or 409 for an
/// idempotency key whose first request is still running. It waits as long as the response's <c>Retry-After</c> says,
/// else an exponential, jittered delay. POSTs are retried safely because each carries an <c>Idempotency-Key</c>.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>Tries after the first; 0 turns retries off. 3 by default.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The delay before the first retry when the response names none; it doubles for each next one. 1 s by default.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay the backoff reaches. 30 s by default.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (MaxRetries < 0 || Delay < TimeSpan.Zero || MaxDelay < Delay)
        {
            throw new InvalidOperationException($"{nameof(RetryOptions)} needs {nameof(MaxRetries)} ≥ 0 and 0 ≤ {nameof(Delay)} ≤ {nameof(MaxDelay)}.");
        }
    }
}
