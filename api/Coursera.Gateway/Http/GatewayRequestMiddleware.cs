using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Coursera.Gateway.Persisted;
using GraphQL;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Net.Http.Headers;

namespace Coursera.Gateway.Http;

/// <summary>
/// Runs in front of the shared GraphQL-over-HTTP endpoint for the two things only the gateway accepts: a JSON array
/// body is a batch, answered here by <see cref="BatchRequestHandler"/>; and a request that names a persisted operation
/// by hash without its document gets the document filled in (GET and POST), so that the endpoint treats it as any
/// other request (a mutation over GET is still refused, content negotiation still applies).
/// </summary>
internal sealed class GatewayRequestMiddleware(
    GatewayExecutor executor,
    PersistedOperations persisted,
    BatchRequestHandler batches,
    IGraphQLSerializer serializer)
{
    /// <summary>The document a refused hash-only request carries through the endpoint; it never runs (see <see cref="PersistedQueryRefusal"/>).</summary>
    private const string Placeholder = "{ __typename }";

    private static readonly byte[] PersistedQueryProperty = "\"persistedQuery\""u8.ToArray();

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        if (http.GetEndpoint()?.Metadata.GetMetadata<GatewayEndpointMarker>() is null)
        {
            await next(http);
            return;
        }

        if (HttpMethods.IsGet(request.Method))
        {
            await ExpandGetAsync(http);
        }
        else if (HttpMethods.IsPost(request.Method) && IsJson(request.ContentType) && !(request.ContentLength > executor.Options.MaxRequestBytes))
        {
            // A declared oversized body is left to the endpoint, which refuses it without reading it.
            var body = await RequestBody.ReadAsync(http, executor.Options.MaxRequestBytes);
            if (body is null)
            {
                return;
            }

            // Invalid UTF-8 inside a JSON string passes the JSON reader and fails only when the string is read.
            if (!Utf8.IsValid(body))
            {
                await RequestBody.ProblemAsync(http, StatusCodes.Status400BadRequest, "The request body is not valid UTF-8.");
                return;
            }

            if (IsArray(body))
            {
                await batches.HandleAsync(http, body);
                return;
            }

            if (body.AsSpan().IndexOf(PersistedQueryProperty) >= 0)
            {
                body = await ExpandPostAsync(http, body);
            }

            request.Body = new MemoryStream(body, writable: false);
            request.ContentLength = body.Length;
        }

        await next(http);
    }

    private async Task ExpandGetAsync(HttpContext http)
    {
        var query = http.Request.Query;
        if (!string.IsNullOrEmpty(query["query"]) || query["extensions"].ToString() is not { Length: > 0 } raw)
        {
            return;
        }

        Inputs? extensions;
        try
        {
            using var json = JsonDocument.Parse(raw);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return; // the endpoint reports the malformed parameter
            }

            extensions = serializer.ReadNode<Inputs>(json.RootElement);
        }
        catch (JsonException)
        {
            return;
        }

        if (await ResolveAsync(http, extensions) is not { } document)
        {
            return;
        }

        var rebuilt = new QueryBuilder(query.Where(p => p.Key != "query").SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? string.Empty))))
        {
            { "query", document },
        };
        http.Request.QueryString = rebuilt.ToQueryString();
    }

    private async Task<byte[]> ExpandPostAsync(HttpContext http, byte[] body)
    {
        Inputs? extensions;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || (root.TryGetProperty("query", out var query) && query.ValueKind != JsonValueKind.Null)
                || !root.TryGetProperty("extensions", out var extensionsElement) || extensionsElement.ValueKind != JsonValueKind.Object)
            {
                return body; // carries its document, or is no persisted-query request: the endpoint's to judge
            }

            extensions = serializer.ReadNode<Inputs>(extensionsElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return body; // the endpoint reports what it cannot read
        }

        var document = await ResolveAsync(http, extensions);
        if (document is null)
        {
            return body;
        }

        var rewritten = JsonNode.Parse(body)!.AsObject();
        rewritten["query"] = document;
        return JsonSerializer.SerializeToUtf8Bytes(rewritten);
    }

    /// <summary>
    /// The document a hash-only request runs: the persisted one, or the placeholder with a <see cref="PersistedQueryRefusal"/>.
    /// Null when the request has no persisted-query extension at all (the endpoint then reports the missing query).
    /// </summary>
    private async Task<string?> ResolveAsync(HttpContext http, Inputs? extensions)
    {
        var (hash, malformed) = PersistedQuery.Read(extensions);
        if (hash is null && malformed is null)
        {
            return null;
        }

        var (document, refused) = malformed is null ? await persisted.FindAsync(hash!, http.RequestAborted) : (null, malformed);
        if (refused is not null)
        {
            http.Features.Set(new PersistedQueryRefusal(refused));
            return Placeholder;
        }

        return document;
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && string.Equals(media.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);

    private static bool IsArray(byte[] body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b == (byte)'[';
            }
        }

        return false;
    }
}
