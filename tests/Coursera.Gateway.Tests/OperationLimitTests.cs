using System.Net;
using System.Text.Json.Nodes;
using Coursera.Federation.Limits;

namespace Coursera.Gateway.Tests;

/// <summary>The benchmark federation behind a gateway with small limits, so that each can be reached with small operations.</summary>
public sealed class LimitedFederation : BenchmarkFederationOverHttp
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Gateway:MaxDepth"] = "5";
        settings["Gateway:MaxCost"] = "1000";
        settings["Gateway:DefaultListSize"] = "10";
        settings["Gateway:MaxAliases"] = "2";
        settings["Gateway:MaxRootFields"] = "3";
        settings["Gateway:MaxBatchSize"] = "2";
        settings["GraphQL:MaxRequestBytes"] = "2048";
    }
}

/// <summary>
/// Depth, estimated cost, aliases, root fields and request size, through the gateway over HTTP: a refused operation is
/// a request error (400 under application/graphql-response+json, no <c>data</c>) with one code per limit, and no
/// subgraph sees a request.
/// </summary>
public sealed class OperationLimitTests(LimitedFederation federation) : IClassFixture<LimitedFederation>, IDisposable
{
    private readonly GatewayClient _client = new(federation.GatewayUrl);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task An_operation_within_every_limit_runs()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new { query = "{ topProducts(first: 2) { upc reviews { id } } }" });

        Assert.Equal(2, answer.Data()["topProducts"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_operation_nested_deeper_than_MaxDepth_is_refused_before_any_fetch()
    {
        await _client.ComposeAsync();
        var before = federation.SubgraphRequests;

        var answer = await _client.PostAsync(new { query = "{ users { reviews { product { reviews { author { id } } } } } }" });

        AssertRefused(answer, OperationLimitCodes.DepthLimitExceeded, "nests fields 6 deep; this endpoint allows at most 5");
        Assert.Equal(before, federation.SubgraphRequests);
    }

    [Fact]
    public async Task Depth_counts_through_fragments()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new
        {
            query = "query { users { ...Deep } } fragment Deep on User { reviews { ... on Review { product { reviews { author { id } } } } } }",
        });

        AssertRefused(answer, OperationLimitCodes.DepthLimitExceeded, "6 deep");
    }

    [Theory]
    [InlineData(80, null)] // 1 + 80 × (upc 1 + reviews (1 + 10 × id 1)) = 961
    [InlineData(90, "1081")]
    public async Task A_literal_first_sizes_its_list_in_the_cost_estimate(int first, string? refusedCost)
    {
        await _client.ComposeAsync();
        var before = federation.SubgraphRequests;

        var answer = await _client.PostAsync(new { query = $"{{ topProducts(first: {first}) {{ upc reviews {{ id }} }} }}" });

        if (refusedCost is null)
        {
            answer.Data();
        }
        else
        {
            AssertRefused(answer, OperationLimitCodes.CostLimitExceeded, $"estimated cost is {refusedCost}; this endpoint allows at most 1000");
            Assert.Equal(before, federation.SubgraphRequests);
        }
    }

    [Fact]
    public async Task A_first_from_a_variable_is_measured_on_every_request_even_when_the_plan_is_cached()
    {
        await _client.ComposeAsync();
        const string query = "query Top($n: Int) { topProducts(first: $n) { upc reviews { id } } }";

        (await _client.PostAsync(new { query, variables = new { n = 80 } })).Data();
        var before = federation.SubgraphRequests;
        var refused = await _client.PostAsync(new { query, variables = new { n = 90 } });

        AssertRefused(refused, OperationLimitCodes.CostLimitExceeded, "estimated cost is 1081");
        Assert.Equal(before, federation.SubgraphRequests);
    }

    [Fact]
    public async Task A_variable_default_and_the_schema_default_of_first_size_the_list()
    {
        await _client.ComposeAsync();

        // The variable's default: 90 items, refused.
        var byVariableDefault = await _client.PostAsync(new { query = "query Top($n: Int = 90) { topProducts(first: $n) { upc reviews { id } } }" });
        // No argument: topProducts(first: Int = 5) in the products subgraph, so 1 + 5 × 12 = 61.
        var bySchemaDefault = await _client.PostAsync(new { query = "{ topProducts { upc reviews { id } } }" });

        AssertRefused(byVariableDefault, OperationLimitCodes.CostLimitExceeded, "estimated cost is 1081");
        Assert.Equal(5, bySchemaDefault.Data()["topProducts"]!.AsArray().Count);
    }

    [Fact]
    public async Task Lists_without_first_count_DefaultListSize_items_each_nesting_multiplying()
    {
        await _client.ComposeAsync();
        var before = federation.SubgraphRequests;

        // users 1 + 10 × (reviews 1 + 10 × (product 1 + (reviews 1 + 10 × id 1))) = 1211, only 5 deep.
        var answer = await _client.PostAsync(new { query = "{ users { reviews { product { reviews { id } } } } }" });

        AssertRefused(answer, OperationLimitCodes.CostLimitExceeded, "estimated cost is 1211");
        Assert.Equal(before, federation.SubgraphRequests);
    }

    [Fact]
    public async Task Fragments_spread_inside_fragments_are_measured_without_expanding_them()
    {
        await _client.ComposeAsync();

        // Each level doubles the fields: 2^20 product fields, which a walk that expanded the fragments would take long to count.
        var fragments = string.Join(' ', Enumerable.Range(1, 20).Select(i => $"fragment F{i} on Product {{ ...F{i + 1} ...F{i + 1} }}"));
        var query = "{ topProducts(first: 1) { ...F1 } } " + fragments + " fragment F21 on Product { upc }";

        var answer = await _client.PostAsync(new { query });

        AssertRefused(answer, OperationLimitCodes.CostLimitExceeded, "estimated cost is 1048577");
    }

    [Fact]
    public async Task More_aliases_than_MaxAliases_are_refused()
    {
        await _client.ComposeAsync();
        var before = federation.SubgraphRequests;

        var allowed = await _client.PostAsync(new { query = "{ topProducts(first: 1) { a: upc b: name } }" });
        var refused = await _client.PostAsync(new { query = "{ topProducts(first: 1) { a: upc b: name c: price } }" });

        Assert.Equal("1", allowed.Data()["topProducts"]![0]!["a"]!.GetValue<string>());
        AssertRefused(refused, OperationLimitCodes.AliasLimitExceeded, "uses 3 aliases; this endpoint allows at most 2");
        Assert.Equal(before + 1, federation.SubgraphRequests);
    }

    [Fact]
    public async Task More_root_fields_than_MaxRootFields_are_refused()
    {
        await _client.ComposeAsync();
        var before = federation.SubgraphRequests;

        var answer = await _client.PostAsync(new { query = "{ me { id } users { id } topProducts(first: 1) { upc } user(id: \"1\") { id } }" });

        AssertRefused(answer, OperationLimitCodes.RootFieldLimitExceeded, "selects 4 root fields; this endpoint allows at most 3");
        Assert.Equal(before, federation.SubgraphRequests);
    }

    [Fact]
    public async Task Every_exceeded_limit_is_reported()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new
        {
            query = "{ a: users { reviews { product { reviews { author { id } } } } } b: me { id } c: topProducts { upc } d: user(id: \"1\") { id } }",
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var codes = answer.Errors!.Select(e => e!["extensions"]!["code"]!.GetValue<string>()).ToList();
        Assert.Equal(
            [OperationLimitCodes.DepthLimitExceeded, OperationLimitCodes.RootFieldLimitExceeded, OperationLimitCodes.AliasLimitExceeded, OperationLimitCodes.CostLimitExceeded],
            codes);
    }

    [Fact]
    public async Task A_refusal_is_200_with_the_same_body_for_legacy_json_clients()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new { query = "{ users { reviews { product { reviews { author { id } } } } } }" }, GatewayClient.Json);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.False(answer.HasData);
        Assert.Equal(OperationLimitCodes.DepthLimitExceeded, answer.Code());
    }

    [Fact]
    public async Task A_body_larger_than_MaxRequestBytes_is_refused_with_413_before_it_is_parsed()
    {
        await _client.ComposeAsync();
        var before = federation.SubgraphRequests;

        var answer = await _client.PostAsync(new { query = "{ topProducts(first: 1) { upc } }\n#" + new string('x', 3000) });
        var batch = await _client.PostAsync(new JsonArray(
            new JsonObject { ["query"] = "{ me { id } }" },
            new JsonObject { ["query"] = "{ me { id } } #" + new string('x', 3000) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, batch.Status);
        Assert.Equal(before, federation.SubgraphRequests);
    }

    private static void AssertRefused(Answer answer, string code, string message)
    {
        Assert.True(answer.Status == HttpStatusCode.BadRequest, answer.ToString());
        Assert.False(answer.HasData, answer.ToString());
        Assert.Equal(code, answer.Code());
        Assert.Contains(message, answer.Message(), StringComparison.Ordinal);
    }
}
