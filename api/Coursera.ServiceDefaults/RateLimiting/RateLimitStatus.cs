using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using RedisRateLimiting;

namespace Coursera.ServiceDefaults.RateLimiting;

/// <summary>Where a request left one quota: admitted or not, what remains of the window, and when it resets.</summary>
internal sealed record RateLimitStatus(RateLimitQuota Quota, bool Admitted, long Remaining, TimeSpan RetryAfter)
{
    public const string MetadataName = "COURSERA_RATELIMIT_STATUS";

    public static RateLimitStatus Of(RateLimitQuota quota, RateLimitLease lease)
    {
        var remaining = lease.TryGetMetadata(RateLimitMetadataName.Remaining, out var left) ? left : 0;
        var seconds = lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var after) ? after : (int)quota.Window.TotalSeconds;

        // The window's end, rounded down to a second, can be "now": a client told 0 would retry at once.
        return new RateLimitStatus(quota, lease.IsAcquired, remaining, TimeSpan.FromSeconds(Math.Max(seconds, 1)));
    }

    /// <summary>
    /// The IETF draft's headers (draft-ietf-httpapi-ratelimit-headers): <c>RateLimit-Policy: "sign-in-address";q=20;w=60</c>
    /// and <c>RateLimit: "sign-in-address";r=0;t=42</c>; a refusal adds <c>Retry-After</c>.
    /// </summary>
    public void WriteHeaders(HttpResponse response)
    {
        var name = Quota.Name;
        var window = (long)Quota.Window.TotalSeconds;
        var reset = (long)RetryAfter.TotalSeconds;
        response.Headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"{name}\";q={Quota.Limit};w={window}");
        response.Headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"{name}\";r={Remaining};t={reset}");
        if (!Admitted)
        {
            response.Headers.RetryAfter = reset.ToString(CultureInfo.InvariantCulture);
        }
    }
}
