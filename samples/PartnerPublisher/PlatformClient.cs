using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PartnerPublisher;

/// <summary>The two kinds of HTTP call a partner integration makes: the token endpoint, and POST /graphql.</summary>
public sealed class PlatformClient(HttpClient http)
{
    // Variables in camelCase; fields left null are not sent, so the platform applies its defaults.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Gets a token with OAuth 2.0 client credentials and sends it with every later request. Returns the partner the
    /// client belongs to: the access token is a JWT whose <c>partner_id</c> claim names it.
    /// </summary>
    public async Task<string> SignInAsync(string clientId, string clientSecret, string scope)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["scope"] = scope,
        });
        using var response = await http.PostAsync(new Uri("connect/token", UriKind.Relative), form);
        var body = await ReadJsonAsync(response);
        if (!response.IsSuccessStatusCode || body["access_token"] is not JsonValue token)
        {
            throw new PlatformException($"The token endpoint refused {clientId}: {body["error"]} {body["error_description"]}");
        }

        var accessToken = token.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (string?)ClaimsOf(accessToken)["partner_id"]
            ?? throw new PlatformException($"{clientId} is not a partner's API client (its token has no partner_id).");
    }

    /// <summary>Runs a query from Operations/{operation}.graphql and returns its <c>data</c>.</summary>
    public async Task<JsonNode> QueryAsync(string operation, object variables)
    {
        var query = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Operations", operation + ".graphql"));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("graphql", UriKind.Relative))
        {
            Content = JsonContent.Create(new { query, operationName = operation, variables }, options: Json),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json, application/json;q=0.9");
        using var response = await http.SendAsync(request);
        var body = await ReadJsonAsync(response);

        // Not signed in, not allowed, malformed input: GraphQL errors, with a code in extensions.
        if (body["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw new PlatformException($"{operation} failed: " + string.Join("; ", errors.Select(e => $"{e!["extensions"]?["code"]}: {e["message"]}")));
        }

        return body["data"] ?? throw new PlatformException($"{operation} failed: HTTP {(int)response.StatusCode} without data.");
    }

    /// <summary>
    /// Runs a mutation with <c>{input}</c> and returns its payload. A business rule's refusal (a taken slug, say) is
    /// no GraphQL error: it comes back as typed <c>errors { code message path }</c> in the payload, and nothing was stored.
    /// </summary>
    public async Task<JsonNode> MutateAsync(string operation, string field, object input)
    {
        var payload = (await QueryAsync(operation, new { input }))[field]!;
        if (payload["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw new PlatformException($"{field} refused: " + string.Join("; ", errors.Select(e =>
                $"{e!["code"]}: {e["message"]} (at {string.Join('.', e["path"]!.AsArray())})")));
        }

        return payload;
    }

    private static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            throw new PlatformException($"HTTP {(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text[..Math.Min(text.Length, 200)]}");
        }
    }

    // A JWT is three base64url parts; the middle one is the claims as JSON. (Reading them is enough here: the platform
    // checks the signature.)
    private static JsonObject ClaimsOf(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=')));
        return JsonNode.Parse(json)!.AsObject();
    }
}

/// <summary>The platform refused or failed a request; the message says what it answered.</summary>
public sealed class PlatformException(string message) : Exception(message);
