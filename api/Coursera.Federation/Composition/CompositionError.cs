namespace Coursera.Federation.Composition;

/// <summary>
/// Why a set of subgraphs does not compose. Errors are collected, not thrown, so one run reports all of them,
/// each naming the subgraph, type and field at fault.
/// </summary>
public sealed record CompositionError(string Code, string Message, string? Subgraph = null, string? Type = null, string? Field = null)
{
    public override string ToString() =>
        $"{Code}: {Message}" + (Subgraph is null ? string.Empty : $" [subgraph {Subgraph}]")
        + (Type is null ? string.Empty : $" [{Type}{(Field is null ? string.Empty : "." + Field)}]");
}

/// <summary>The supergraph, or the errors that prevented it.</summary>
public sealed record CompositionResult(Supergraph? Supergraph, IReadOnlyList<CompositionError> Errors)
{
    public bool Succeeded => Supergraph is not null && Errors.Count == 0;
}
