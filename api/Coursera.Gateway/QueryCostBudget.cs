using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Coursera.ServiceDefaults.Authentication;
using Coursera.ServiceDefaults.RateLimiting;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Coursera.Gateway;

/// <summary>
/// The per-caller budget of query cost, shared by every gateway instance through Redis: a token bucket of
/// RedisRateLimiting's (<see cref="RedisTokenBucketRateLimiter{TKey}"/>) per API client, per user, or per address for
/// anonymous callers, from which each operation takes its estimated cost before it runs. When Redis cannot be reached,
/// operations run unbudgeted: the per-request rate limit logs that outage already.
/// </summary>
public sealed class QueryCostBudget : IDisposable
{
    /// <summary>A client that wants <c>extensions.cost</c> without being an API client sends this header with <c>true</c>.</summary>
    public const string ReportHeader = "X-Query-Cost";

    private readonly QueryCostBudgetOptions _budget;
    private readonly IOptionsMonitor<RateLimitingOptions> _limits;
    private readonly IConnectionMultiplexer _redis;
    private readonly PartitionedRateLimiter<string> _buckets;

    public QueryCostBudget(IOptions<GatewayOptions> gateway, IOptionsMonitor<RateLimitingOptions> limits, IConnectionMultiplexer redis)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        _budget = gateway.Value.CostBudget;
        _limits = limits;
        _redis = redis;
        _buckets = PartitionedRateLimiter.Create<string, string>(key => RedisRateLimitPartition.GetTokenBucketRateLimiter(key, _ =>
            new RedisTokenBucketRateLimiterOptions
            {
                TokenLimit = _budget.MaximumAvailable,
                TokensPerPeriod = _budget.RestoreRate,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                ConnectionMultiplexerFactory = () => redis,
            }));
    }

    public bool Enabled => _budget.RestoreRate > 0 && _limits.CurrentValue.Enabled;

    /// <summary>Takes <paramref name="cost"/> from the caller's bucket; null when nothing could be counted (Redis away).</summary>
    public async ValueTask<QueryCostThrottle?> TakeAsync(HttpContext http, double cost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Enabled || !_redis.IsConnected)
        {
            return null;
        }

        var requested = (int)Math.Clamp(Math.Ceiling(cost), 0, int.MaxValue);
        if (requested > _budget.MaximumAvailable)
        {
            // More than the bucket ever holds (possible only when Gateway:MaxCost is off): it could never run.
            return new QueryCostThrottle(requested, false, 0, _budget, TimeSpan.MaxValue);
        }

        try
        {
            using var lease = await _buckets.AcquireAsync(BucketOf(http), requested, cancellationToken);
            var available = lease.TryGetMetadata(RateLimitMetadataName.Remaining, out var remaining) ? remaining : 0;
            var wait = lease.IsAcquired
                ? TimeSpan.Zero
                : TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((requested - available) / (double)_budget.RestoreRate)));
            return new QueryCostThrottle(requested, lease.IsAcquired, available, _budget, wait);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Whether the response reports <c>extensions.cost</c>: always to API clients, to others when they ask.</summary>
    public static bool Reports(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Caller.From(http.User).IsApiClient
            || string.Equals(http.Request.Headers[ReportHeader], "true", StringComparison.OrdinalIgnoreCase);
    }

    private string BucketOf(HttpContext http)
    {
        var caller = Caller.From(http.User);
        var subject = caller.IsApiClient ? $"client:{caller.ClientId}"
            : caller.UserId is { } user ? $"user:{user}"
            : $"address:{ClientAddress.Of(http)}";
        return string.Create(CultureInfo.InvariantCulture, $"{_limits.CurrentValue.KeyPrefix}:cost:{subject}");
    }

    public void Dispose() => _buckets.Dispose();
}

/// <summary>What one operation's cost did to its caller's budget, as Shopify reports it in <c>extensions.cost</c>.</summary>
public sealed record QueryCostThrottle(int RequestedQueryCost, bool Admitted, long CurrentlyAvailable, QueryCostBudgetOptions Budget, TimeSpan RetryAfter)
{
    public JsonObject ToJson() => new()
    {
        ["requestedQueryCost"] = RequestedQueryCost,
        ["throttleStatus"] = new JsonObject
        {
            ["maximumAvailable"] = Budget.MaximumAvailable,
            ["currentlyAvailable"] = CurrentlyAvailable,
            ["restoreRate"] = Budget.RestoreRate,
        },
    };

    /// <summary>The refusal: a request error with the code, the wait, and the budget it ran into.</summary>
    public JsonObject ToRefusal()
    {
        var seconds = RetryAfter == TimeSpan.MaxValue ? (long?)null : (long)RetryAfter.TotalSeconds;
        var message = seconds is null
            ? $"The operation's estimated cost {RequestedQueryCost} is more than the whole budget of {Budget.MaximumAvailable}: ask for fewer items."
            : $"The operation's estimated cost {RequestedQueryCost} is more than the {CurrentlyAvailable} left of your budget, which refills by "
              + $"{Budget.RestoreRate} a second: try again in {seconds} s, or ask for fewer items.";
        var extensions = new JsonObject { ["code"] = GatewayErrorCodes.QueryCostBudgetExceeded, ["cost"] = ToJson() };
        if (seconds is not null)
        {
            extensions["retryAfter"] = seconds;
        }

        return new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["extensions"] = extensions }) };
    }
}
