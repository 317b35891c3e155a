using System.Text.Json.Nodes;

namespace Coursera.Federation.BenchmarkFederation.Tests;

public sealed class ReviewsTests(SubgraphsFixture fixture) : IClassFixture<SubgraphsFixture>
{
    private readonly BenchmarkSubgraphs _subgraphs = fixture.Subgraphs;

    private static JsonNode Review(string id) =>
        Requests.DataJson["reviews"]!["reviews"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!;

    [Fact]
    public async Task Every_user_has_reviews_1_and_2_with_user_1_as_author_and_username_provided()
    {
        var representations = Enumerable.Range(1, 6).Select(id => new { __typename = "User", id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray();

        var response = await _subgraphs.PostAsync(
            BenchmarkSubgraphs.Reviews,
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id reviews { id body author { id username } product { upc } } } } }",
            new { r = representations });

        var users = response.Data()["_entities"]!.AsArray();
        Assert.Equal(6, users.Count);
        foreach (var (user, index) in users.Select((u, i) => (u!, i)))
        {
            Assert.Equal((index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), user["id"]!.GetValue<string>());
            Requests.Equal(
                new JsonArray([.. new[] { "1", "2" }.Select(id => (JsonNode)new JsonObject
                {
                    ["id"] = id,
                    ["body"] = Review(id)["body"]!.DeepClone(),
                    ["author"] = new JsonObject { ["id"] = "1", ["username"] = "urigo" },
                    ["product"] = new JsonObject { ["upc"] = "1" },
                })]),
                user["reviews"]);
        }
    }

    [Fact]
    public async Task Product_reviews_are_the_reviews_of_that_upc_in_data_json_order()
    {
        var response = await _subgraphs.PostAsync(
            BenchmarkSubgraphs.Reviews,
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { upc reviews { id author { id username } } } } }",
            new { r = new[] { "1", "2", "3", "4", "5" }.Select(upc => new { __typename = "Product", upc }).ToArray() });

        var products = response.Data()["_entities"]!.AsArray();
        var reviewIds = products.Select(p => string.Join(',', p!["reviews"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()))).ToArray();
        // As in expected-response.json: TV (upc 5) has no reviews, but still resolves.
        Assert.Equal(["1,2,3,4", "5,6,7,8", "9", "10,11", ""], reviewIds);
        Assert.All(
            products.SelectMany(p => p!["reviews"]!.AsArray()),
            review => Requests.Equal(new JsonObject { ["id"] = "1", ["username"] = "urigo" }, review!["author"]));
    }

    [Fact]
    public async Task Reviews_resolve_by_id_with_body_product_and_author()
    {
        var response = await _subgraphs.PostAsync(
            BenchmarkSubgraphs.Reviews,
            "query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Review { id body product { upc } author { id username } } } }",
            new { r = new object[] { new { __typename = "Review", id = "11" }, new { __typename = "Review", id = "99" } } });

        Requests.Equal(
            new JsonArray(
                new JsonObject
                {
                    ["__typename"] = "Review",
                    ["id"] = "11",
                    ["body"] = Review("11")["body"]!.DeepClone(),
                    ["product"] = new JsonObject { ["upc"] = "4" },
                    ["author"] = new JsonObject { ["id"] = "1", ["username"] = "urigo" },
                },
                null),
            response.Data()["_entities"]);
    }

    [Fact]
    public async Task A_user_from_a_representation_has_only_the_username_it_came_with()
    {
        var response = await _subgraphs.PostAsync(
            BenchmarkSubgraphs.Reviews,
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id username } } }",
            new { r = new object[] { new { __typename = "User", id = "2" }, new { __typename = "User", id = "3", username = "kamilkisiela" } } });

        Requests.Equal(
            JsonNode.Parse("""[{"id":"2","username":null},{"id":"3","username":"kamilkisiela"}]"""),
            response.Data()["_entities"]);
    }
}
