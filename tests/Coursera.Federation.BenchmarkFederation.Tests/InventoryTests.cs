using System.Text.Json.Nodes;

namespace Coursera.Federation.BenchmarkFederation.Tests;

public sealed class InventoryTests(SubgraphsFixture fixture) : IClassFixture<SubgraphsFixture>
{
    private const string EntitiesQuery =
        "query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Product { upc inStock shippingEstimate } } }";

    private readonly BenchmarkSubgraphs _subgraphs = fixture.Subgraphs;

    [Fact]
    public async Task Shipping_estimate_is_computed_from_the_price_and_weight_in_the_representation()
    {
        // The representations a gateway sends for @requires(fields: "price weight"), with data.json's products.
        var products = Requests.DataJson["products"]!["products"]!.AsArray();
        var representations = products.Select(p => new
        {
            __typename = "Product",
            upc = p!["upc"]!.GetValue<string>(),
            price = p["price"]!.GetValue<int>(),
            weight = p["weight"]!.GetValue<int>(),
        }).ToArray();

        var response = await _subgraphs.PostAsync(BenchmarkSubgraphs.Inventory, EntitiesQuery, new { r = representations });

        var inventory = Requests.DataJson["inventory"]!["products"]!.AsArray()
            .ToDictionary(p => p!["upc"]!.GetValue<string>(), p => p!["inStock"]!.GetValue<bool>());
        var expected = new JsonArray([.. representations.Select(r => (JsonNode)new JsonObject
        {
            ["__typename"] = "Product",
            ["upc"] = r.upc,
            ["inStock"] = inventory[r.upc],
            ["shippingEstimate"] = r.price > 1000 ? 0 : r.weight / 2,
        })]);
        Requests.Equal(expected, response.Data()["_entities"]);
    }

    [Theory]
    // The values expected-response.json holds for the five top products.
    [InlineData("1", 899, 100, true, 50)]
    [InlineData("2", 1299, 1000, false, 0)]
    [InlineData("3", 15, 20, false, 10)]
    [InlineData("4", 499, 100, false, 50)]
    [InlineData("5", 1299, 1000, true, 0)]
    // price exactly 1000 is not above 1000; odd weights round down.
    [InlineData("1", 1000, 7, true, 3)]
    public async Task Shipping_estimate_matches_the_benchmark_rule(string upc, int price, int weight, bool inStock, int estimate)
    {
        var response = await _subgraphs.PostAsync(
            BenchmarkSubgraphs.Inventory,
            EntitiesQuery,
            new { r = new[] { new { __typename = "Product", upc, price, weight } } });

        var product = response.Data()["_entities"]![0]!;
        Assert.Equal(inStock, product["inStock"]!.GetValue<bool>());
        Assert.Equal(estimate, product["shippingEstimate"]!.GetValue<int>());
    }

    [Fact]
    public async Task Without_the_required_price_the_shipping_estimate_is_null()
    {
        var response = await _subgraphs.PostAsync(
            BenchmarkSubgraphs.Inventory,
            EntitiesQuery,
            new { r = new object[] { new { __typename = "Product", upc = "3" }, new { __typename = "Product", upc = "3", weight = 20 } } });

        Requests.Equal(
            JsonNode.Parse("""
                [{"__typename":"Product","upc":"3","inStock":false,"shippingEstimate":null},
                 {"__typename":"Product","upc":"3","inStock":false,"shippingEstimate":null}]
                """),
            response.Data()["_entities"]);
    }

    [Fact]
    public async Task External_fields_echo_the_representation()
    {
        var response = await _subgraphs.PostAsync(
            BenchmarkSubgraphs.Inventory,
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { upc price weight } } }",
            new { r = new[] { new { __typename = "Product", upc = "6", price = 6999, weight = 300 } } });

        Requests.Equal(JsonNode.Parse("""[{"upc":"6","price":6999,"weight":300}]"""), response.Data()["_entities"]);
    }

    [Fact]
    public async Task Inventory_has_no_root_fields_of_its_own()
    {
        var response = await _subgraphs.PostAsync(BenchmarkSubgraphs.Inventory, "{ topProducts { upc } }");

        Assert.NotEmpty(response["errors"]!.AsArray());
    }
}
