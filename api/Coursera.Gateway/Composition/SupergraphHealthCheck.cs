using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coursera.Gateway.Composition;

/// <summary>
/// Readiness of the gateway's supergraph: Unhealthy until the first good composition (the gateway has nothing to
/// serve), Degraded while the latest recomposition failed and the last good supergraph is still served, Healthy otherwise.
/// The description carries the errors, so an operator reads them from the health report rather than the logs.
/// </summary>
internal sealed class SupergraphHealthCheck(SupergraphProvider supergraph) : IHealthCheck
{
    public const string Name = "supergraph";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = supergraph.State;
        var data = new Dictionary<string, object>
        {
            ["subgraphs"] = string.Join(", ", supergraph.SubgraphNames),
        };
        if (state.ComposedAt is { } composedAt)
        {
            data["composedAt"] = composedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (state.Failure is { } failure)
        {
            data["errors"] = failure.Errors;
        }

        if (supergraph.SubgraphNames.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("No subgraph is configured: set Subgraphs__{name}=URL for each."));
        }

        return Task.FromResult((state.Gateway, state.Failure) switch
        {
            (null, null) => HealthCheckResult.Unhealthy("The supergraph is being composed.", data: data),
            (null, { } failed) => HealthCheckResult.Unhealthy("No supergraph to serve yet. " + failed, data: data),
            (_, { } failed) => HealthCheckResult.Degraded(
                $"Serving the supergraph composed at {state.ComposedAt:O}; the latest recomposition at {failed.At:O} was refused. {failed}", data: data),
            _ => HealthCheckResult.Healthy($"Serving the supergraph composed at {state.ComposedAt:O}.", data),
        });
    }
}
