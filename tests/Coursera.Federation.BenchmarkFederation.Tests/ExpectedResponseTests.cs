using System.Text.Json.Nodes;

namespace Coursera.Federation.BenchmarkFederation.Tests;

/// <summary>
/// No gateway yet, so no stitching: instead every User, Product and Review object in expected-response.json is checked
/// against what the owning subgraph answers for it, through the same root fields and _entities calls a gateway uses.
/// </summary>
public sealed class ExpectedResponseTests(SubgraphsFixture fixture) : IClassFixture<SubgraphsFixture>
{
    private readonly BenchmarkSubgraphs _subgraphs = fixture.Subgraphs;

    private readonly Dictionary<string, List<JsonObject>> _users = [];
    private readonly Dictionary<string, List<JsonObject>> _products = [];
    private readonly Dictionary<string, List<JsonObject>> _reviews = [];

    [Fact]
    public async Task The_subgraphs_agree_with_every_object_of_the_expected_response()
    {
        var expected = JsonNode.Parse(BenchmarkFiles.Read(BenchmarkFiles.ExpectedResponse))!["data"]!;
        Collect(expected["users"], _users, "User");
        Collect(expected["topProducts"], _products, "Product");

        var users = await _subgraphs.PostAsync(BenchmarkSubgraphs.Accounts, "{ users { id } }");
        Assert.Equal(Ids(expected["users"], "id"), Ids(users.Data()["users"], "id"));
        var top = await _subgraphs.PostAsync(BenchmarkSubgraphs.Products, "{ topProducts { upc } }");
        Assert.Equal(Ids(expected["topProducts"], "upc"), Ids(top.Data()["topProducts"], "upc"));

        await CheckAsync(BenchmarkSubgraphs.Accounts, "User", "id", _users, "id username name", ["id", "username", "name"]);
        await CheckAsync(BenchmarkSubgraphs.Reviews, "User", "id", _users, "reviews { id }", ["reviews"]);
        await CheckAsync(BenchmarkSubgraphs.Products, "Product", "upc", _products, "name price weight", ["name", "price", "weight"]);
        await CheckAsync(BenchmarkSubgraphs.Inventory, "Product", "upc", _products, "inStock shippingEstimate", ["inStock", "shippingEstimate"], withRequires: true);
        await CheckAsync(BenchmarkSubgraphs.Reviews, "Product", "upc", _products, "reviews { id }", ["reviews"]);
        await CheckAsync(BenchmarkSubgraphs.Reviews, "Review", "id", _reviews, "id body product { upc } author { id username }", ["id", "body", "product", "author"]);

        Assert.Equal(6, _users.Count);
        Assert.Equal(5, _products.Count);
        Assert.Equal(11, _reviews.Count);
    }

    private static string[] Ids(JsonNode? list, string key) => [.. list!.AsArray().Select(o => o![key]!.GetValue<string>())];

    /// <summary>Indexes the objects of the response by type and key; the field name says the type of its value.</summary>
    private void Collect(JsonNode? node, Dictionary<string, List<JsonObject>> index, string type)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Collect(item, index, type);
            }

            return;
        }

        var obj = node!.AsObject();
        var key = obj[type == "Product" ? "upc" : "id"]!.GetValue<string>();
        if (!index.TryGetValue(key, out var seen))
        {
            index[key] = seen = [];
        }

        seen.Add(obj);
        foreach (var (name, value) in obj)
        {
            switch (name)
            {
                case "reviews": Collect(value, _reviews, "Review"); break;
                case "product": Collect(value, _products, "Product"); break;
                case "author": Collect(value, _users, "User"); break;
            }
        }
    }

    /// <summary>
    /// Resolves every collected object of <paramref name="type"/> in <paramref name="subgraph"/> with one _entities call
    /// and compares <paramref name="fields"/> with each occurrence in the expected response (nested lists and objects
    /// compared by the fields the subgraph returned).
    /// </summary>
    private async Task CheckAsync(
        string subgraph, string type, string key, Dictionary<string, List<JsonObject>> index, string selection, string[] fields, bool withRequires = false)
    {
        var keys = index.Keys.ToArray();
        var representations = keys.Select(k =>
        {
            var representation = new JsonObject { ["__typename"] = type, [key] = k };
            if (withRequires)
            {
                representation["price"] = index[k][0]["price"]!.DeepClone();
                representation["weight"] = index[k][0]["weight"]!.DeepClone();
            }

            return representation;
        }).ToArray();

        var response = await _subgraphs.PostAsync(
            subgraph, $"query($r: [_Any!]!) {{ _entities(representations: $r) {{ ... on {type} {{ {selection} }} }} }}", new { r = representations });
        var entities = response.Data()["_entities"]!.AsArray();

        for (var i = 0; i < keys.Length; i++)
        {
            foreach (var occurrence in index[keys[i]])
            {
                foreach (var field in fields.Where(occurrence.ContainsKey))
                {
                    var actual = entities[i]![field];
                    Requests.Equal(Project(occurrence[field], actual), actual);
                }
            }
        }
    }

    /// <summary>The expected value cut down to the shape of the actual one (only the fields the subgraph was asked for).</summary>
    private static JsonNode? Project(JsonNode? expected, JsonNode? shape) => (expected, shape) switch
    {
        (JsonArray e, JsonArray s) when e.Count == s.Count => new JsonArray([.. e.Select((item, i) => Project(item, s[i]))]),
        (JsonObject e, JsonObject s) => new JsonObject(s.Select(p => KeyValuePair.Create(p.Key, Project(e[p.Key], p.Value)))),
        _ => expected?.DeepClone(),
    };
}
