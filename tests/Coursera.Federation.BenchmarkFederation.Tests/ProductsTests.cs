using System.Text.Json.Nodes;

namespace Coursera.Federation.BenchmarkFederation.Tests;

public sealed class ProductsTests(SubgraphsFixture fixture) : IClassFixture<SubgraphsFixture>
{
    private readonly BenchmarkSubgraphs _subgraphs = fixture.Subgraphs;

    private static JsonArray DataProducts(int count) =>
        [.. Requests.DataJson["products"]!["products"]!.AsArray().Take(count).Select(p => p!.DeepClone())];

    [Fact]
    public async Task Top_products_returns_the_first_five_products_of_data_json_by_default()
    {
        var response = await _subgraphs.PostAsync(BenchmarkSubgraphs.Products, "{ topProducts { upc name price weight } }");

        Requests.Equal(DataProducts(5), response.Data()["topProducts"]);
    }

    [Fact]
    public async Task Top_products_takes_first_from_a_variable()
    {
        var response = await _subgraphs.PostAsync(
            BenchmarkSubgraphs.Products,
            "query Top($first: Int) { topProducts(first: $first) { upc name price weight } }",
            new { first = 9 });

        Requests.Equal(DataProducts(9), response.Data()["topProducts"]);
    }

    [Fact]
    public async Task Entities_resolve_products_by_upc_and_an_unknown_upc_to_null()
    {
        var response = await _subgraphs.PostAsync(
            BenchmarkSubgraphs.Products,
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { upc name price weight } } }",
            new { r = new object[] { new { __typename = "Product", upc = "8" }, new { __typename = "Product", upc = "404" } } });

        Requests.Equal(
            JsonNode.Parse("""[{"upc":"8","name":"Fridge","price":100000,"weight":6000}, null]"""),
            response.Data()["_entities"]);
    }

    [Fact]
    public async Task Each_request_is_counted_once_per_subgraph()
    {
        await using var subgraphs = BenchmarkSubgraphs.Create();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => subgraphs.PostAsync(BenchmarkSubgraphs.Products, "{ topProducts { upc } }")));
        await subgraphs.PostAsync(BenchmarkSubgraphs.Inventory, "{ __typename }");

        Assert.Equal(20, subgraphs.RequestCount(BenchmarkSubgraphs.Products));
        Assert.Equal(1, subgraphs.RequestCount(BenchmarkSubgraphs.Inventory));
        Assert.Equal(0, subgraphs.RequestCount(BenchmarkSubgraphs.Accounts));
        subgraphs.ResetRequestCounts();
        Assert.Equal(0, subgraphs.RequestCount(BenchmarkSubgraphs.Products));
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_a_graphql_error_and_still_counts()
    {
        await using var subgraphs = BenchmarkSubgraphs.Create();

        var response = JsonNode.Parse(await subgraphs.ExecuteAsync(BenchmarkSubgraphs.Products, "{not json", CancellationToken.None))!;

        Assert.False(response.AsObject().ContainsKey("data"));
        Assert.NotEmpty(response["errors"]!.AsArray());
        Assert.Equal(1, subgraphs.RequestCount(BenchmarkSubgraphs.Products));
    }

    [Fact]
    public async Task An_invalid_query_gets_validation_errors_without_data()
    {
        var response = await _subgraphs.PostAsync(BenchmarkSubgraphs.Products, "{ topProducts { shippingEstimate } }");

        Assert.False(response.ContainsKey("data"));
        Assert.Contains("shippingEstimate", response["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_subgraph_is_an_argument_error() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _subgraphs.ExecuteAsync("shipping", """{"query":"{ __typename }"}""", CancellationToken.None));
}
