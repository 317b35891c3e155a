using System.Net;
using System.Text;
using System.Text.Json;
using Coursera.Subgraphs.Tests.Support;

namespace Coursera.Subgraphs.Tests;

/// <summary>The endpoint's limits: request size, query depth and estimated cost.</summary>
public sealed class LimitTests
{
    private static Task<SubgraphHost> StartAsync(params (string Key, string Value)[] settings) =>
        SubgraphHost.StartAsync("Production", settings.ToDictionary(s => "GraphQL:" + s.Key, s => (string?)s.Value));

    [Fact]
    public async Task A_body_above_max_request_bytes_is_413()
    {
        await using var host = await StartAsync(("MaxRequestBytes", "1024"));
        var body = Padded(2000);

        var result = await host.PostJsonAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, result.Status);
    }

    [Fact]
    public async Task A_chunked_body_above_max_request_bytes_is_413_too()
    {
        await using var host = await StartAsync(("MaxRequestBytes", "1024"));
        var body = Padded(40_000);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            // A stream of unknown length: no Content-Length, so the limit is enforced while reading.
            Content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(body))),
        };
        request.Content.Headers.ContentType = new("application/json");

        var result = await host.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, result.Status);
    }

    [Fact]
    public async Task A_body_at_max_request_bytes_is_served()
    {
        await using var host = await StartAsync(("MaxRequestBytes", "1024"));
        var body = Padded(1024 - Padded(0).Length);
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(body));

        var result = await host.PostJsonAsync(body);

        Assert.Equal("Hello, world!", result.Ok()["hello"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_deeper_than_max_depth_is_a_validation_error_and_nothing_runs()
    {
        await using var host = await StartAsync(("MaxDepth", "3"));

        var allowed = await host.PostAsync("{ items(first: 1) { children(first: 1) { id } } }");
        var tooDeep = await host.PostAsync("{ items(first: 1) { children(first: 1) { children(first: 1) { id } } } }");

        Assert.Equal(11, allowed.Ok()["items"]![0]!["children"]![0]!["id"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, tooDeep.Status);
        Assert.False(tooDeep.Json.ContainsKey("data"));
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], tooDeep.Codes);
    }

    [Fact]
    public async Task Fragments_do_not_hide_depth()
    {
        await using var host = await StartAsync(("MaxDepth", "3"));

        var result = await host.PostAsync(
            "{ items(first: 1) { ...Deep } } fragment Deep on Item { children(first: 1) { children(first: 1) { id } } }");

        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], result.Codes);
    }

    [Fact]
    public async Task A_query_over_max_complexity_is_a_validation_error_and_nothing_runs()
    {
        await using var host = await StartAsync(("MaxComplexity", "100"));

        var cheap = await host.PostAsync("{ items(first: 10) { id name } }");
        var costly = await host.PostAsync("{ items(first: 100) { id name } }");

        Assert.Equal(10, cheap.Ok()["items"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.BadRequest, costly.Status);
        Assert.False(costly.Json.ContainsKey("data"));
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], costly.Codes);
    }

    [Fact]
    public async Task Aliases_multiply_the_cost()
    {
        await using var host = await StartAsync(("MaxComplexity", "100"));
        var aliases = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"a{i}: hello"));

        var result = await host.PostAsync($"{{ {aliases} items(first: 30) {{ id name }} }}");

        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], result.Codes);
    }

    [Fact]
    public async Task Limits_apply_over_get_too()
    {
        await using var host = await StartAsync(("MaxDepth", "2"));

        var result = await host.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ items { children { id } } }"));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], result.Codes);
    }

    /// <summary>A valid request whose body is <paramref name="padding"/> bytes longer than the smallest one.</summary>
    private static string Padded(int padding) =>
        JsonSerializer.Serialize(new { query = "{ hello }", variables = new { pad = new string('x', padding) } });

    /// <summary>A readable stream that does not tell its length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
