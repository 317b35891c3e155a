using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Coursera.Events.Handling;

/// <summary>
/// Readiness reports a consumer group of this process that has not completed a round for
/// <see cref="EventStreamOptions.StalledAfter"/> as Degraded, naming it. Degraded, not Unhealthy: a stalled consumer
/// (Redis unreachable, a handler failing on every event) must alert, but taking the instance out of the load balancer
/// would not help it and would turn a backlog into an outage.
/// </summary>
public sealed class StalledConsumerCheck(EventMetrics metrics, IEnumerable<EventConsumer> consumers, IOptions<EventStreamOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stalled = consumers
            .Select(c => (c.Group, Since: metrics.SinceLastSuccess(c.Group)))
            .Where(c => c.Since > options.Value.StalledAfter)
            .ToDictionary(c => c.Group, c => (object)Math.Round(c.Since!.Value.TotalSeconds));
        return Task.FromResult(stalled.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"Stalled event consumers (seconds since their last successful round): {string.Join(", ", stalled.Select(s => $"{s.Key} {s.Value}"))}",
                data: stalled));
    }
}
