using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Coursera.Gateway.Rest.Conventions;

/// <summary>
/// The responses of REST v1: JSON bodies (camelCase, RFC 3339 times), with an <c>ETag</c> on reads so a client can ask
/// again with <c>If-None-Match</c> and get a 304, and the next page's link on lists.
/// </summary>
public static class RestResults
{
    /// <summary>
    /// A read: a strong ETag over the exact body; 304 without a body when the client holds it already. Answers are per
    /// caller, so shared caches must not keep them (<c>private</c>) and clients must revalidate (<c>no-cache</c>).
    /// </summary>
    public static IResult Read<T>(HttpContext http, T value)
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = JsonSerializer.SerializeToUtf8Bytes(value, RestOperations.Json);
        var tag = new EntityTagHeaderValue($"\"{Base64UrlTextEncoder.Encode(SHA256.HashData(body).AsSpan(0, 16).ToArray())}\"");
        http.Response.Headers.ETag = tag.ToString();
        http.Response.Headers.CacheControl = "private, no-cache";
        var held = http.Request.GetTypedHeaders().IfNoneMatch;
        if (held.Any(h => h.Tag == EntityTagHeaderValue.Any.Tag || h.Compare(tag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(body, "application/json");
    }

    /// <summary>A page of a list, read like <see cref="Read{T}"/>, with the next page's link in the body and in <c>Link</c>.</summary>
    public static IResult Page<T>(HttpContext http, IReadOnlyList<T> items, string? nextCursor) =>
        Read(http, new Page<T>(items, nextCursor, NextLink(http, nextCursor)));

    /// <summary>
    /// A page of a GraphQL list without cursors, asked for one item more than <paramref name="size"/>: that one tells
    /// whether a page follows (without a count), and the page's last item is where it starts.
    /// </summary>
    public static IResult PageOfOneMore<T>(HttpContext http, IReadOnlyList<T> fetched, int size, Func<T, string> cursorOf)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        ArgumentNullException.ThrowIfNull(cursorOf);
        return fetched.Count > size ? Page(http, fetched.Take(size).ToList(), cursorOf(fetched[size - 1])) : Page(http, fetched, nextCursor: null);
    }

    /// <summary>The next page's URL, also set as the <c>Link: <…>; rel="next"</c> header; null when there is none.</summary>
    public static string? NextLink(HttpContext http, string? nextCursor)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (nextCursor is null)
        {
            return null;
        }

        var next = PageUrl(http, nextCursor);
        http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        return next;
    }

    /// <summary>The request's URL with <c>cursor</c> set to <paramref name="cursor"/>, the other parameters kept.</summary>
    private static string PageUrl(HttpContext http, string cursor)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value);
        var builder = new QueryBuilder(query.Where(p => p.Key != "cursor").SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))))
        {
            { "cursor", cursor },
        };
        return UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase, http.Request.Path, builder.ToQueryString());
    }
}
