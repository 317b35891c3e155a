using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Coursera.Gateway.Tests;

/// <summary>
/// The per-caller query cost budget (Shopify-style): each operation's estimated cost is taken from the caller's bucket
/// in Redis, <c>extensions.cost</c> reports it on request, and an operation that does not fit is refused with
/// <c>QUERY_COST_BUDGET_EXCEEDED</c> and <c>Retry-After</c> before any subgraph is asked.
/// </summary>
public sealed class QueryCostBudgetTests
{
    // 1 + 2 × (upc 1 + reviews 1 + 10 × id 1) = 25
    private const string Cheap = """{"query":"{ topProducts(first: 2) { upc reviews { id } } }"}""";

    // 1 + 33 × 12 = 397
    private const string Dear = """{"query":"{ topProducts(first: 33) { upc reviews { id } } }"}""";

    private static Dictionary<string, string?> Budget() => new()
    {
        ["Gateway:MaxCost"] = "1000",
        ["Gateway:CostBudget:MaximumAvailable"] = "1000",
        ["Gateway:CostBudget:RestoreRate"] = "1",
    };

    private static readonly Dictionary<string, string> AskForCost = new() { ["X-Query-Cost"] = "true" };

    [Fact]
    public async Task Asked_for_the_cost_a_response_reports_the_operations_cost_and_the_budget_left()
    {
        await using var gateway = await RateLimitTests.StartAsync(new RateLimitedFederation(RateLimitedFederation.NewKeyPrefix(), Budget()));

        var answer = await RateLimitTests.PostAsync(gateway.Federation.GatewayUrl, body: Cheap, headers: AskForCost);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var cost = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["extensions"]!["cost"]!;
        Assert.Equal(25, cost["requestedQueryCost"]!.GetValue<int>());
        Assert.Equal(1000, cost["throttleStatus"]!["maximumAvailable"]!.GetValue<int>());
        Assert.Equal(975, cost["throttleStatus"]!["currentlyAvailable"]!.GetValue<long>());
        Assert.Equal(1, cost["throttleStatus"]!["restoreRate"]!.GetValue<int>());
    }

    [Fact]
    public async Task Without_asking_an_anonymous_caller_gets_the_response_unchanged()
    {
        await using var gateway = await RateLimitTests.StartAsync(new RateLimitedFederation(RateLimitedFederation.NewKeyPrefix(), Budget()));

        var answer = await RateLimitTests.PostAsync(gateway.Federation.GatewayUrl, body: Cheap);

        var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["data"], body.Select(p => p.Key));
    }

    [Fact]
    public async Task An_operation_costing_more_than_the_budget_left_is_refused_before_any_subgraph_is_asked()
    {
        await using var gateway = await RateLimitTests.StartAsync(new RateLimitedFederation(RateLimitedFederation.NewKeyPrefix(), Budget()));
        var url = gateway.Federation.GatewayUrl;
        Assert.Equal(HttpStatusCode.OK, (await RateLimitTests.PostAsync(url, body: Dear)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RateLimitTests.PostAsync(url, body: Dear)).StatusCode);
        var before = gateway.Federation.SubgraphRequests;

        var refused = await RateLimitTests.PostAsync(url, body: Dear);

        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        var error = body["errors"]![0]!;
        Assert.Equal(GatewayErrorCodes.QueryCostBudgetExceeded, error["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(body["data"]);
        Assert.Equal(397, error["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.True(retryAfter >= 1, $"Retry-After {retryAfter}");
        Assert.Equal(retryAfter, error["extensions"]!["retryAfter"]!.GetValue<long>());
        Assert.Equal(before, gateway.Federation.SubgraphRequests);

        // The cheap operation still fits in what is left.
        Assert.Equal(HttpStatusCode.OK, (await RateLimitTests.PostAsync(url, body: Cheap)).StatusCode);
    }
}
