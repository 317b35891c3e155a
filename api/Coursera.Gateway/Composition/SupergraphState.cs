using Coursera.Federation;

namespace Coursera.Gateway.Composition;

/// <summary>
/// What the gateway serves and how its latest composition went. A state is replaced whole, never changed, so a request
/// reads one consistent pair of supergraph and engine, and a reload swaps them in one write.
/// </summary>
/// <param name="Gateway">The engine over the last good supergraph; null before the first good composition.</param>
/// <param name="Fingerprint">A hash of the subgraph SDLs <paramref name="Gateway"/> was composed from: a poll that reads the same recomposes nothing.</param>
/// <param name="ComposedAt">When <paramref name="Gateway"/> was composed.</param>
/// <param name="Failure">The latest attempt's failure; null when it succeeded or found nothing changed.</param>
public sealed record SupergraphState(FederationGateway? Gateway, string? Fingerprint, DateTimeOffset? ComposedAt, SupergraphFailure? Failure)
{
    public static SupergraphState Initial { get; } = new(null, null, null, null);

    /// <summary>Each subgraph's SDL behind <see cref="Gateway"/>, by name: a reload logs which ones changed.</summary>
    public IReadOnlyDictionary<string, string> Sdls { get; init; } = new Dictionary<string, string>();
}
