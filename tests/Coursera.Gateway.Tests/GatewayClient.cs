using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Coursera.Gateway.Tests;

/// <summary>Sends requests to a gateway the way a GraphQL-over-HTTP client does and hands back what it sees.</summary>
internal sealed class GatewayClient(Uri url) : IDisposable
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    // Long enough for any answer, short enough that a hung request fails the test instead of the run.
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Task<Answer> PostAsync(object body, string accept = GraphQLResponse) => PostRawAsync(JsonNodeOf(body).ToJsonString(), accept);

    public async Task<Answer> PostRawAsync(string json, string accept = GraphQLResponse)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, Json) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await SendAsync(request);
    }

    public async Task<Answer> GetAsync(IDictionary<string, string?> parameters, string accept = GraphQLResponse)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, QueryHelpers.AddQueryString(url.ToString(), parameters));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await SendAsync(request);
    }

    /// <summary>The first request composes the supergraph from each subgraph's SDL; tests count subgraph requests after it.</summary>
    public async Task ComposeAsync() => Assert.Equal(HttpStatusCode.OK, (await PostAsync(new { query = "{ __typename }" })).Status);

    public void Dispose() => _http.Dispose();

    public static string Sha256(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    public static JsonObject PersistedQuery(string document) => PersistedQueryHash(Sha256(document));

    public static JsonObject PersistedQueryHash(string sha256Hash) =>
        new() { ["persistedQuery"] = new JsonObject { ["version"] = 1, ["sha256Hash"] = sha256Hash } };

    private static JsonNode JsonNodeOf(object body) => body as JsonNode ?? System.Text.Json.JsonSerializer.SerializeToNode(body)!;

    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}

/// <summary>A response as the client sees it: status, media type, body.</summary>
internal sealed record Answer(HttpStatusCode Status, string? MediaType, JsonNode? Body)
{
    public JsonArray? Errors => Body?["errors"] as JsonArray;

    /// <summary>Whether the body has a <c>data</c> entry at all (a request error has none).</summary>
    public bool HasData => Body is JsonObject response && response.ContainsKey("data");

    public string? Code(int index = 0) => Errors?[index]?["extensions"]?["code"]?.GetValue<string>();

    public string? Message(int index = 0) => Errors?[index]?["message"]?.GetValue<string>();

    /// <summary>The data, after checking the response has no errors (the assertion message shows them if it has).</summary>
    public JsonNode Data()
    {
        Assert.True(Status == HttpStatusCode.OK && Errors is null, $"Expected data without errors, got {(int)Status}: {Body?.ToJsonString()}");
        return Body!["data"]!;
    }

    public override string ToString() => $"{(int)Status} {Body?.ToJsonString()}";
}
