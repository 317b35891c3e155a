using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Coursera.Federation.BenchmarkFederation;
using Coursera.Federation.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Gateway.Tests;

/// <summary>The benchmark federation with <c>Gateway:Deduplication</c> off.</summary>
public sealed class UndeduplicatedBenchmarkFederation : BenchmarkFederationOverHttp
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Gateway:Deduplication"] = "false";
}

/// <summary>
/// Request deduplication as the gateway wires it, over real HTTP subgraphs: on by default, keyed by the caller's
/// <c>Authorization</c> (the header the gateway forwards), off by configuration. Whether identical requests of one
/// caller overlap depends on timing, so these cases assert what holds whatever the timing; the coalescing itself is
/// pinned down in Coursera.Federation.Tests.
/// </summary>
public sealed class DeduplicationTests(BenchmarkFederationOverHttp federation) : IClassFixture<BenchmarkFederationOverHttp>
{
    private const int Clients = 12;
    private const int FetchesPerRequest = 7;

    [Fact]
    public void Deduplication_is_on_by_default() =>
        Assert.IsType<DeduplicatingSubgraphTransport>(federation.GatewayServices.GetRequiredService<ISubgraphTransport>());

    [Fact]
    public async Task Concurrent_identical_requests_of_one_caller_all_get_the_exact_answer()
    {
        var before = await WarmAsync(federation);
        var responses = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => QueryAsync(federation, "Bearer one-caller")));

        var expected = JsonNode.Parse(BenchmarkFiles.Read(BenchmarkFiles.ExpectedResponse));
        Assert.All(responses, r => Assert.True(JsonNode.DeepEquals(expected, r), "A response differs from expected-response.json."));
        Assert.InRange(federation.SubgraphRequests - before, FetchesPerRequest, Clients * FetchesPerRequest);
    }

    [Fact]
    public async Task Requests_of_different_callers_are_never_shared()
    {
        var before = await WarmAsync(federation);
        var responses = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => QueryAsync(federation, $"Bearer caller-{i}")));

        Assert.All(responses, r => Assert.Null(r["errors"]));
        Assert.Equal(Clients * FetchesPerRequest, federation.SubgraphRequests - before);
    }

    internal static async Task<int> WarmAsync(BenchmarkFederationOverHttp federation)
    {
        // The first request composes the supergraph from each subgraph's _service SDL; count only the queries' fetches.
        await QueryAsync(federation, null, "{ __typename }");
        return federation.SubgraphRequests;
    }

    internal static async Task<JsonNode> QueryAsync(BenchmarkFederationOverHttp federation, string? authorization, string? query = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, federation.GatewayUrl)
        {
            Content = new StringContent(new JsonObject
            {
                ["query"] = query ?? BenchmarkFiles.Read(BenchmarkFiles.Query),
                ["operationName"] = query is null ? "TestQuery" : null,
            }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }
}

public sealed class DeduplicationOffTests(UndeduplicatedBenchmarkFederation federation) : IClassFixture<UndeduplicatedBenchmarkFederation>
{
    [Fact]
    public async Task With_deduplication_off_every_client_request_sends_every_fetch()
    {
        Assert.IsNotType<DeduplicatingSubgraphTransport>(federation.GatewayServices.GetRequiredService<ISubgraphTransport>());
        var before = await DeduplicationTests.WarmAsync(federation);
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => DeduplicationTests.QueryAsync(federation, "Bearer one-caller")));

        Assert.All(responses, r => Assert.Null(r["errors"]));
        Assert.Equal(12 * 7, federation.SubgraphRequests - before);
    }
}
