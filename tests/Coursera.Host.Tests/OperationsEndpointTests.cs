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
    public async Task The_public_endpoint_serves_the_seeded_catalog()
    {
        using var client = host.CreateClient();
        var data = (await new GraphQLHttpClient(client).PostAsync("{ courses(first: 1) { totalCount } }")).Ok();
        Assert.True(data["courses"]!["totalCount"]!.GetValue<int>() >= 30);
    }

    /// <summary>
    /// Security review F5: the host served every subgraph publicly, past the gateway's limits, with <c>_entities</c>
    /// (draft content) and <c>_service</c>. The gateway calls them in process, so none is served any more.
    /// </summary>
    [Theory]
    [InlineData("catalog", """{"query":"query($r:[_Any!]!){_entities(representations:$r){... on Item{id title videoAssetId moduleId}}}","variables":{"r":[{"__typename":"Item","id":"0190c8a4-0000-7000-8000-000000000001"}]}}""")]
    [InlineData("learner", """{"query":"{ a1: certificate(code:\"AAAAAAAAAAAA\"){code} a2: certificate(code:\"AAAAAAAAAAAA\"){code} }"}""")]
    [InlineData("identity", """{"query":"{ _service { sdl } }"}""")]
    [InlineData("webhooks", """{"query":"{ _service { sdl } }"}""")]
    [InlineData("assessment", """{"query":"{ _service { sdl } }"}""")]
    [InlineData("billing", """{"query":"{ _service { sdl } }"}""")]
    [InlineData("media", """{"query":"{ _service { sdl } }"}""")]
    public async Task No_subgraph_endpoint_is_served_by_the_host(string subgraph, string body)
    {
        using var client = host.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync($"/subgraphs/{subgraph}/graphql", content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("sdl", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"data\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_fields_are_not_answered_at_the_public_endpoint_either()
    {
        using var client = host.CreateClient();
        var response = await new GraphQLHttpClient(client).PostAsync("{ _service { sdl } }");
        Assert.NotNull(response.ErrorCode());
        Assert.Null(response.Data?["_service"]);
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
        Assert.False(string.IsNullOrWhiteSpace(report["checks"]!["redis"]!["description"]?.GetValue<string>()), "the report says why Redis is not healthy");
    }
}

/// <summary>The host with a management port: readiness and metrics answer there only (security review F18).</summary>
public sealed class HostWithManagementPortApp : HostApp
{
    public const int ManagementPort = 9464;

    public HostWithManagementPortApp() => Settings["Management:Port"] = ManagementPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class ManagementPortTests(HostWithManagementPortApp host) : IClassFixture<HostWithManagementPortApp>
{
    [Fact]
    public async Task Readiness_and_metrics_are_not_served_on_the_public_port_but_liveness_is()
    {
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.NotFound, ready.StatusCode);
        Assert.DoesNotContain("postgres", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
