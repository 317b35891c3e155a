namespace Coursera.ServiceDefaults.RateLimiting;

/// <summary>
/// One count a request is held to: a policy (<c>sign-in</c>), what it counts by (<c>address</c>), whose requests
/// (<c>203.0.113.7</c>), and how many per window. Equal quotas share one Redis counter; <see cref="ToString"/> is the
/// counter's name, which <see cref="RateLimitingOptions.KeyPrefix"/> starts.
/// </summary>
public sealed record RateLimitQuota(string KeyPrefix, string Policy, string Dimension, string Subject, int Limit, TimeSpan Window)
{
    /// <summary>The name in the <c>RateLimit-Policy</c> and <c>RateLimit</c> headers, e.g. <c>sign-in-address</c>.</summary>
    public string Name => $"{Policy}-{Dimension}";

    public override string ToString() => $"{KeyPrefix}:{Policy}:{Dimension}:{Subject}";
}
