using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Coursera.ServiceDefaults.RateLimiting;

/// <summary>
/// The global limiter of ASP.NET Core's rate-limiting middleware: holds a request to every quota
/// <see cref="RateLimitRules"/> gives it, each a fixed-window counter in Redis (RedisRateLimiting's
/// <see cref="RedisFixedWindowRateLimiter{TKey}"/>), so every instance counts together. It writes the <c>RateLimit</c>
/// headers of the tightest quota on every counted response. When Redis cannot be reached it lets requests through and
/// logs: a lost limit is better than a platform down.
/// </summary>
internal sealed partial class RedisRateLimitGate : PartitionedRateLimiter<HttpContext>
{
    private static readonly RateLimitLease Admitted = new Decision(true, null);

    private readonly RateLimitRules _rules;
    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger _logger;
    private readonly PartitionedRateLimiter<RateLimitQuota> _windows;
    private long _lastWarning;

    public RedisRateLimitGate(RateLimitRules rules, IConnectionMultiplexer redis, ILogger<RedisRateLimitGate> logger)
    {
        _rules = rules;
        _redis = redis;
        _logger = logger;
        _windows = PartitionedRateLimiter.Create<RateLimitQuota, RateLimitQuota>(quota =>
            RedisRateLimitPartition.GetFixedWindowRateLimiter(quota, q => new RedisFixedWindowRateLimiterOptions
            {
                PermitLimit = q.Limit,
                Window = q.Window,
                ConnectionMultiplexerFactory = () => redis,
            }));
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    // Redis is only asked asynchronously: the middleware then calls AcquireAsync (as RedisRateLimiting's limiters expect).
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => new Decision(false, null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        var quotas = await _rules.QuotasAsync(resource);
        if (quotas.Count == 0)
        {
            return Admitted;
        }

        if (!_redis.IsConnected)
        {
            WarnUnlimited(null);
            return Admitted;
        }

        RateLimitStatus? tightest = null;
        foreach (var quota in quotas)
        {
            RateLimitStatus status;
            try
            {
                using var lease = await _windows.AcquireAsync(quota, 1, cancellationToken);
                status = RateLimitStatus.Of(quota, lease);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                WarnUnlimited(e);
                return Admitted;
            }

            if (!status.Admitted)
            {
                status.WriteHeaders(resource.Response);
                return new Decision(false, status);
            }

            if (tightest is null || status.Remaining * tightest.Quota.Limit < tightest.Remaining * status.Quota.Limit)
            {
                tightest = status;
            }
        }

        tightest?.WriteHeaders(resource.Response);
        return Admitted;
    }

    private void WarnUnlimited(Exception? error)
    {
        // Once a minute at most: every request would otherwise log the same outage.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastWarning);
        if (now - last >= 60_000 || last == 0)
        {
            Interlocked.Exchange(ref _lastWarning, now);
            LogUnlimited(_logger, error);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _windows.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _windows.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis cannot be reached: requests are not rate limited until it can.")]
    private static partial void LogUnlimited(ILogger logger, Exception? error);

    /// <summary>The gate's answer; a refusal carries the quota that refused, for the 429 response.</summary>
    private sealed class Decision(bool acquired, RateLimitStatus? status) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => status is null ? [] : [MetadataName.RetryAfter.Name, RateLimitStatus.MetadataName];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? status?.RetryAfter
                : metadataName == RateLimitStatus.MetadataName ? status
                : null;
            return metadata is not null;
        }
    }
}
