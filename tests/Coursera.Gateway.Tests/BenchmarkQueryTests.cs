using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.BenchmarkFederation;

namespace Coursera.Gateway.Tests;

public sealed class BenchmarkQueryTests(BenchmarkFederationOverHttp federation) : IClassFixture<BenchmarkFederationOverHttp>
{
    [Fact]
    public async Task The_benchmark_query_over_http_returns_exactly_the_expected_response()
    {
        using var http = new HttpClient();
        // The first request composes the supergraph from each subgraph's _service SDL; count only the query's fetches.
        (await http.PostAsJsonAsync(federation.GatewayUrl, new { query = "{ __typename }" })).EnsureSuccessStatusCode();
        var before = federation.SubgraphRequests;

        using var response = await http.PostAsJsonAsync(federation.GatewayUrl,
            new { query = BenchmarkFiles.Read(BenchmarkFiles.Query), operationName = "TestQuery" });

        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var expected = JsonNode.Parse(BenchmarkFiles.Read(BenchmarkFiles.ExpectedResponse));
        Assert.True(JsonNode.DeepEquals(expected, body), "The gateway's response differs from expected-response.json.");
        Assert.Equal(7, federation.SubgraphRequests - before);
    }
}
