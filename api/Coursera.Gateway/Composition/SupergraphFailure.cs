namespace Coursera.Gateway.Composition;

/// <summary>Why the latest attempt to (re)compose the supergraph produced nothing to serve.</summary>
public enum SupergraphFailureKind
{
    /// <summary>A subgraph did not hand over its SDL (not started yet, down, or answering something else).</summary>
    SubgraphUnreachable,

    /// <summary>Every subgraph answered, and their schemas do not compose: waiting will not fix it, a deployment will.</summary>
    CompositionFailed,
}

/// <summary>A failed attempt, with every error it found, so that health and the start-up failure show them all at once.</summary>
public sealed record SupergraphFailure(SupergraphFailureKind Kind, IReadOnlyList<string> Errors, DateTimeOffset At)
{
    /// <summary>The metric tag of <see cref="Kind"/>.</summary>
    public string Reason => Kind == SupergraphFailureKind.SubgraphUnreachable ? "subgraph_unreachable" : "composition_failed";

    public override string ToString() =>
        (Kind == SupergraphFailureKind.SubgraphUnreachable ? "Subgraphs did not hand over their SDL:" : "The subgraphs do not compose:")
        + "\n  " + string.Join("\n  ", Errors);
}
