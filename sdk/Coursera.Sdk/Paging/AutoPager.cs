using System.Runtime.CompilerServices;

namespace Coursera.Sdk;

/// <summary>
/// Reads a list page after page as one <see cref="IAsyncEnumerable{T}"/>: the next page is asked for only when the
/// caller has taken every item of the current one, so breaking out early costs no extra request.
/// </summary>
public static class AutoPager
{
    /// <summary>Every item of a list whose operation takes a <c>cursor</c>.</summary>
    /// <typeparam name="TPage">The operation's page type.</typeparam>
    /// <typeparam name="T">The list's items.</typeparam>
    /// <param name="fetch">Gets the page at a cursor (null: the first page).</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <exception cref="InvalidOperationException">The platform handed back the cursor it was sent, which would never end.</exception>
    public static async IAsyncEnumerable<T> ItemsAsync<TPage, T>(Func<string?, CancellationToken, Task<TPage>> fetch,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TPage : IPage<T>
    {
        ArgumentNullException.ThrowIfNull(fetch);
        string? cursor = null;
        do
        {
            var page = await fetch(cursor, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Data)
            {
                yield return item;
            }

            if (page.NextCursor is not null && page.NextCursor == cursor)
            {
                throw new InvalidOperationException($"The platform sent the cursor {cursor} back as the next page's: stopping rather than reading it forever.");
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>
    /// Every item of a list whose operation takes no <c>cursor</c> yet: the platform answers it in one page.
    /// </summary>
    /// <typeparam name="TPage">The operation's page type.</typeparam>
    /// <typeparam name="T">The list's items.</typeparam>
    /// <param name="fetch">Gets the one page.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <exception cref="NotSupportedException">The platform announced a next page, which this version of the SDK cannot ask for.</exception>
    public static async IAsyncEnumerable<T> ItemsAsync<TPage, T>(Func<CancellationToken, Task<TPage>> fetch,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TPage : IPage<T>
    {
        ArgumentNullException.ThrowIfNull(fetch);
        await foreach (var item in ItemsAsync<TPage, T>((cursor, ct) => cursor is null
                           ? fetch(ct)
                           : throw new NotSupportedException($"The platform pages this list ({typeof(TPage).Name}) now: update Coursera.Sdk to read past its first page."),
                           cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}
