using System.ComponentModel;

namespace Coursera.Gateway.Rest.Conventions;

/// <summary>One page of a list, in the list's order.</summary>
public sealed record Page<T>(
    [property: Description("The items of this page.")] IReadOnlyList<T> Data,
    [property: Description("Pass as `cursor` to get the next page; null on the last page.")] string? NextCursor,
    [property: Description("The next page's URL, the same as the `Link: <…>; rel=\"next\"` header; null on the last page.")] string? Next);
