using System.Net;
using System.Text.Json.Nodes;
using Coursera.Testing;

namespace Coursera.Host.Tests;

public sealed class OperationsEndpointTests(HostApp host) : IClassFixture<HostApp>
{
    [Fact]
    public async Task Ready_reports_postgres_and_redis_healthy()
    {
        using var client = host.CreateClient();
        var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", report["checks"]!["postgres"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", report["checks"]!["redis"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Metrics_are_exposed_for_prometheus()
    {
        using var client = host.CreateClient();
        await new GraphQLHttpClient(client).PostAsync("{ courses(first: 1) { nodes { id } } }");
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_endpoint_and_the_catalog_subgraph_serve_the_seeded_catalog()
    {
        using var client = host.CreateClient();
        foreach (var path in new[] { "/graphql", "/subgraphs/catalog/graphql" })
        {
            var data = (await new GraphQLHttpClient(client, path).PostAsync("{ courses(first: 1) { totalCount } }")).Ok();
            Assert.True(data["courses"]!["totalCount"]!.GetValue<int>() >= 30);
        }
    }

    [Fact]
    public async Task Unknown_paths_get_problem_details()
    {
        using var client = host.CreateClient();
        var response = await client.GetAsync("/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class ReadinessTests(HostWithoutRedisApp host) : IClassFixture<HostWithoutRedisApp>
{
    [Fact]
    public async Task Without_redis_the_host_is_live_but_not_ready()
    {
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", report["checks"]!["postgres"]!["status"]!.GetValue<string>());
        Assert.NotEqual("Healthy", report["checks"]!["redis"]!["status"]!.GetValue<string>());
    }
}
