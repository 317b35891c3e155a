using Microsoft.Net.Http.Headers;

namespace Coursera.Gateway.GraphiQL;

/// <summary>
/// Which requests to the GraphQL path get GraphiQL: a browser navigating there (a GET that names <c>text/html</c> in
/// Accept) without an operation. A GET that carries one (<c>query</c>, or a persisted query's hash in
/// <c>extensions</c>) stays the endpoint's to execute, whatever its Accept says; so does every request of a GraphQL
/// client, which never asks for HTML.
/// </summary>
internal static class GraphiQLRequest
{
    public static bool IsFor(HttpRequest request, PathString graphQLPath) =>
        HttpMethods.IsGet(request.Method)
        && request.Path.Equals(graphQLPath, StringComparison.OrdinalIgnoreCase)
        && !request.Query.ContainsKey("query")
        && !request.Query.ContainsKey("extensions")
        && AcceptsHtml(request.Headers.Accept);

    private static bool AcceptsHtml(IList<string> accept) =>
        MediaTypeHeaderValue.TryParseList(accept, out var types)
        && types.Any(t => (t.Quality ?? 1.0) > 0 && t.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
