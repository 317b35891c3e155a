using System.Text.Json;
using System.Text.Unicode;
using GraphQL;
using Microsoft.AspNetCore.Http;

namespace Coursera.Subgraphs.Http;

/// <summary>
/// Reads a GraphQL request from a POST body or a GET query string, checking the parameter types the
/// GraphQL-over-HTTP specification prescribes; a malformed request is an <see cref="HttpRequestError"/> (4xx).
/// </summary>
internal static class GraphQLHttpRequestReader
{
    public static async Task<GraphQLRequest> ReadPostAsync(HttpRequest http, IGraphQLSerializer serializer, int maxBytes)
    {
        if (http.ContentLength > maxBytes)
        {
            throw new HttpRequestError(StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {maxBytes} bytes.");
        }

        var body = await ReadBodyAsync(http, maxBytes).ConfigureAwait(false);
        if (body.Length == 0)
        {
            throw new HttpRequestError(StatusCodes.Status400BadRequest, "The request body is empty.");
        }

        // The JSON reader checks the structure, not the bytes inside strings: invalid UTF-8 would only fail when a string
        // is read, deep in the request, as an internal error.
        if (!Utf8.IsValid(body))
        {
            throw new HttpRequestError(StatusCodes.Status400BadRequest, "The request body is not valid UTF-8.");
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new HttpRequestError(StatusCodes.Status400BadRequest, "The request body is not valid JSON.");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new HttpRequestError(StatusCodes.Status400BadRequest, "The request body must be a JSON object.");
            }

            try
            {
                return new GraphQLRequest(
                    Query: RequiredString(root, "query"),
                    OperationName: OptionalString(root, "operationName"),
                    Variables: OptionalMap(root, "variables", serializer),
                    Extensions: OptionalMap(root, "extensions", serializer));
            }
            catch (Exception e) when (e is InvalidOperationException or JsonException or FormatException)
            {
                // An escaped lone surrogate ("\ud800") is valid JSON but no string; a number too large for any type.
                throw new HttpRequestError(StatusCodes.Status400BadRequest, "The request body holds a value that cannot be read: " + Describe(e));
            }
        }
    }

    /// <summary>What the reader could not read, without the exception's internals.</summary>
    private static string Describe(Exception e) => e is InvalidOperationException
        ? "a string that is not valid Unicode."
        : "a value of the wrong type or size.";

    public static GraphQLRequest ReadGet(HttpRequest http, IGraphQLSerializer serializer)
    {
        var query = http.Query["query"].ToString();
        if (string.IsNullOrEmpty(query))
        {
            throw new HttpRequestError(StatusCodes.Status400BadRequest, "The 'query' parameter is required.");
        }

        var operationName = http.Query["operationName"].ToString();
        return new GraphQLRequest(
            query,
            string.IsNullOrEmpty(operationName) ? null : operationName,
            ParseMapParameter(http.Query["variables"].ToString(), "variables", serializer),
            ParseMapParameter(http.Query["extensions"].ToString(), "extensions", serializer));
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest http, int maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await http.Body.ReadAsync(chunk, http.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new HttpRequestError(StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {maxBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            // The client went away or sent a truncated body: its fault, not ours, so no error log.
            throw new HttpRequestError(StatusCodes.Status400BadRequest, "The request body could not be read.");
        }

        return buffer.ToArray();
    }

    private static string RequiredString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new HttpRequestError(StatusCodes.Status400BadRequest, $"The '{name}' parameter is required.");
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new HttpRequestError(StatusCodes.Status400BadRequest, $"The '{name}' parameter must be a string.");
    }

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new HttpRequestError(StatusCodes.Status400BadRequest, $"The '{name}' parameter must be a string.");
    }

    private static Inputs? OptionalMap(JsonElement root, string name, IGraphQLSerializer serializer)
    {
        return root.TryGetProperty(name, out var value) ? MapValue(value, name, serializer) : null;
    }

    private static Inputs? ParseMapParameter(string raw, string name, IGraphQLSerializer serializer)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(raw);
            return MapValue(json.RootElement, name, serializer);
        }
        catch (JsonException)
        {
            throw new HttpRequestError(StatusCodes.Status400BadRequest, $"The '{name}' parameter is not valid JSON.");
        }
    }

    private static Inputs? MapValue(JsonElement value, string name, IGraphQLSerializer serializer) =>
        value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Object => serializer.ReadNode<Inputs>(value),
            _ => throw new HttpRequestError(StatusCodes.Status400BadRequest, $"The '{name}' parameter must be a map."),
        };
}

/// <summary>A request the transport refuses before execution, answered with a problem-details body.</summary>
internal sealed class HttpRequestError(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
