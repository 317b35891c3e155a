using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Federation.BenchmarkFederation.Tests;

public sealed class HttpTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(_ => BenchmarkSubgraphs.Create());
        _app = builder.Build();
        _app.MapBenchmarkSubgraphs();
        await _app.StartAsync();
        _http = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("accounts", "{ users { id } }", """{"data":{"users":[{"id":"1"},{"id":"2"},{"id":"3"},{"id":"4"},{"id":"5"},{"id":"6"}]}}""")]
    [InlineData("products", "{ topProducts(first: 2) { upc } }", """{"data":{"topProducts":[{"upc":"1"},{"upc":"2"}]}}""")]
    [InlineData("inventory", "{ __typename }", """{"data":{"__typename":"Query"}}""")]
    [InlineData("reviews", "{ __typename }", """{"data":{"__typename":"Query"}}""")]
    public async Task Each_subgraph_is_served_at_its_name_slash_graphql(string subgraph, string query, string expected)
    {
        using var response = await _http.PostAsJsonAsync($"/{subgraph}/graphql", new { query });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Requests.Equal(JsonNode.Parse(expected), JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        Assert.Equal(1, _app.Services.GetRequiredService<BenchmarkSubgraphs>().RequestCount(subgraph));
    }

    [Fact]
    public async Task Over_http_the_response_is_the_same_as_in_process()
    {
        const string body = """
            {"query":"query($r:[_Any!]!){_entities(representations:$r){...on Product{upc inStock shippingEstimate}}}",
             "variables":{"r":[{"__typename":"Product","upc":"3","price":15,"weight":20}]}}
            """;
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync("/inventory/graphql", content);

        var inProcess = await _app.Services.GetRequiredService<BenchmarkSubgraphs>().ExecuteAsync("inventory", body, CancellationToken.None);
        Assert.Equal(inProcess, await response.Content.ReadAsStringAsync());
        Assert.Contains("\"shippingEstimate\":10", inProcess, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_bad_request()
    {
        using var content = new StringContent("{not json", Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync("/accounts/graphql", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray());
    }
}
