using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Coursera.Testing;

/// <summary>Posts GraphQL operations the way a client would and hands back the parsed response.</summary>
public sealed class GraphQLHttpClient(HttpClient http, string path = "/graphql")
{
    public HttpClient Http => http;

    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse((int)response.StatusCode, JsonNode.Parse(body)!.AsObject());
    }
}

public sealed record GraphQLResponse(int StatusCode, JsonObject Body)
{
    public JsonNode? Data => Body["data"];

    public JsonArray? Errors => Body["errors"]?.AsArray();

    /// <summary>The data, after checking there are no errors (the message shows them if there are).</summary>
    public JsonNode Ok()
    {
        Assert.True(Errors is null, $"Expected no errors, got {Errors?.ToJsonString()}");
        return Data!;
    }

    public string? ErrorCode(int index = 0) => Errors?[index]?["extensions"]?["code"]?.GetValue<string>();

    public override string ToString() => Body.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
