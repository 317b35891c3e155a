namespace Coursera.Sdk;

/// <summary>A response's headers, content headers included, in the shape <see cref="CourseraApiException"/> keeps them.</summary>
internal static class ResponseHeaders
{
    public static IReadOnlyDictionary<string, IEnumerable<string>> Of(HttpResponseMessage response)
    {
        var headers = response.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Content.Headers)
        {
            headers[header.Key] = header.Value;
        }

        return headers;
    }
}
