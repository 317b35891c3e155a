namespace Coursera.Sdk;

/// <summary>One page of a list: its items, and the cursor of the next page (null on the last).</summary>
/// <typeparam name="T">The list's items.</typeparam>
public interface IPage<T>
{
    /// <summary>The items of this page, in the list's order.</summary>
    ICollection<T> Data { get; }

    /// <summary>Pass as <c>cursor</c> to get the next page; null on the last page.</summary>
    string? NextCursor { get; }
}
