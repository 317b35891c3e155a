using Microsoft.Net.Http.Headers;

namespace Coursera.Subgraphs.Http;

/// <summary>Content negotiation of the GraphQL-over-HTTP specification.</summary>
internal static class GraphQLMediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The client's most preferred type we can produce; <c>application/json</c> for a missing header or a wildcard
    /// (legacy clients expect it); <c>null</c> when nothing we produce is acceptable (406).
    /// </summary>
    public static string? Negotiate(IList<string> acceptHeaders)
    {
        if (acceptHeaders.Count == 0 || !MediaTypeHeaderValue.TryParseList(acceptHeaders, out var accepted) || accepted.Count == 0)
        {
            return Json;
        }

        // OrderBy is stable, so equally weighted types keep the client's order.
        foreach (var media in accepted.Where(m => (m.Quality ?? 1.0) > 0).OrderByDescending(m => m.Quality ?? 1.0))
        {
            var type = media.MediaType.Value;
            if (string.Equals(type, GraphQLResponse, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponse;
            }

            if (string.Equals(type, Json, StringComparison.OrdinalIgnoreCase) || type is "application/*" or "*/*")
            {
                return Json;
            }
        }

        return null;
    }
}
