using Coursera.Subgraphs.Errors;
using GraphQL;

namespace Coursera.Subgraphs.Connections;

/// <summary>Forward pagination arguments, checked: <c>first</c> between 0 and <see cref="MaxFirst"/>, a valid cursor.</summary>
public sealed record PageRequest(int First, Cursor? After)
{
    public const int MaxFirst = 100;
    public const int DefaultFirst = 20;

    public static PageRequest From(IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var first = context.GetArgument<int?>("first") ?? DefaultFirst;
        if (first is < 0 or > MaxFirst)
        {
            throw GraphQLErrors.BadUserInput($"'first' must be between 0 and {MaxFirst}.");
        }

        var after = context.GetArgument<string?>("after");
        return new PageRequest(first, after is null ? null : Cursor.Parse(after));
    }

    /// <summary>
    /// Builds the page from rows fetched with <c>LIMIT first + 1</c>: the extra row only tells that a next page exists.
    /// </summary>
    public Connection<T> ToConnection<T>(
        IReadOnlyList<T> rows,
        Func<T, Cursor> cursorOf,
        Func<CancellationToken, Task<int>> totalCount)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cursorOf);
        var edges = rows.Take(First).Select(row => new Edge<T>(cursorOf(row).ToString(), row)).ToList();
        return new Connection<T>(
            edges,
            new PageInfo(
                HasNextPage: rows.Count > First,
                HasPreviousPage: After is not null,
                StartCursor: edges.Count > 0 ? edges[0].Cursor : null,
                EndCursor: edges.Count > 0 ? edges[^1].Cursor : null),
            totalCount);
    }
}
