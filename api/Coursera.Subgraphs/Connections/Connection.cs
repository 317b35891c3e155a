namespace Coursera.Subgraphs.Connections;

/// <summary>One page of a Relay connection. <see cref="TotalCount"/> runs only when the client selects it.</summary>
public sealed record Connection<T>(
    IReadOnlyList<Edge<T>> Edges,
    PageInfo PageInfo,
    Func<CancellationToken, Task<int>> TotalCount)
{
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);
}

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);
