using System.Text.Json.Nodes;
using Coursera.Federation.BenchmarkFederation;
using Coursera.Federation.Composition;
using Coursera.Federation.Tests.Fixtures;

namespace Coursera.Federation.Tests;

/// <summary>The standard gateway benchmark through our engine: exact response, and the number of subgraph requests.</summary>
public sealed class BenchmarkGatewayTests : IAsyncLifetime
{
    private BenchmarkSubgraphs _subgraphs = null!;
    private BenchmarkTransport _transport = null!;
    private FederationGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _subgraphs = BenchmarkSubgraphs.Create();
        var definitions = new List<SubgraphDefinition>();
        foreach (var name in _subgraphs.Names)
        {
            definitions.Add(new SubgraphDefinition(name, await _subgraphs.SdlAsync(name), $"http://{name}.local/graphql"));
        }

        var composition = Composer.Compose(definitions);
        Assert.True(composition.Succeeded, string.Join("\n", composition.Errors));
        _transport = new BenchmarkTransport(_subgraphs);
        _gateway = new FederationGateway(composition.Supergraph!, _transport);
    }

    public async Task DisposeAsync() => await _subgraphs.DisposeAsync();

    [Fact]
    public async Task The_benchmark_query_returns_exactly_the_expected_response_in_seven_requests()
    {
        var response = await _gateway.ExecuteAsync(Fixture.Read(BenchmarkFiles.Query), "TestQuery", null, CancellationToken.None);

        var expected = JsonNode.Parse(Fixture.Read(BenchmarkFiles.ExpectedResponse));
        Assert.True(JsonNode.DeepEquals(expected, response),
            "The response differs from expected-response.json:\n" + response.ToJsonString()[..Math.Min(2000, response.ToJsonString().Length)]);
        Assert.Equal(7, _transport.Requests.Count);
    }

    [Fact]
    public async Task The_response_holds_only_the_clients_selection_in_its_order()
    {
        var response = await _gateway.ExecuteAsync("{ topProducts(first: 2) { shippingEstimate n: name } }", null, null, CancellationToken.None);
        var products = response["data"]!["topProducts"]!.AsArray();
        Assert.Equal(2, products.Count);
        Assert.All(products, p => Assert.Equal(["shippingEstimate", "n"], p!.AsObject().Select(kv => kv.Key)));
    }
}
