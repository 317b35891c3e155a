namespace Coursera.Federation;

public sealed class FederationGatewayOptions
{
    /// <summary>
    /// How long one subgraph request may take before it counts as failed (its part of the response is null, with an
    /// error) while the rest of the plan goes on. Null leaves timing out to the transport.
    /// </summary>
    public TimeSpan? SubgraphTimeout { get; init; }
}
