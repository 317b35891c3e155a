using Coursera.Federation.Limits;

namespace Coursera.Federation;

public sealed class FederationGatewayOptions
{
    /// <summary>
    /// How long one subgraph request may take before it counts as failed (its part of the response is null, with an
    /// error) while the rest of the plan goes on. Null leaves timing out to the transport.
    /// </summary>
    public TimeSpan? SubgraphTimeout { get; init; }

    /// <summary>
    /// Depth, cost, alias and root-field limits, checked before validation and planning. None by default: the engine
    /// serves whatever it is given; the public edge (Coursera.Gateway) sets them from configuration.
    /// </summary>
    public OperationLimits Limits { get; init; } = OperationLimits.None;

    /// <summary>
    /// Whether <c>__schema</c> and <c>__type</c> are answered; when off they fail validation (<c>__typename</c> always
    /// works). On by default for the engine; the public edge turns it off outside Development.
    /// </summary>
    public bool EnableIntrospection { get; init; } = true;
}
