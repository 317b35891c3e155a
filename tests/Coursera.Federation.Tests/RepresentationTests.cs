using System.Text.Json.Nodes;
using Coursera.Federation.Tests.Fixtures;

namespace Coursera.Federation.Tests;

/// <summary>
/// What the gateway sends in <c>_entities</c> representations (which the feature files do not show): each distinct
/// object once, exactly the key and required fields, nested where the field set nests; and cancellation.
/// </summary>
public sealed class RepresentationTests
{
    [Fact]
    public async Task Each_distinct_object_is_sent_once()
    {
        await using var federation = await TestFederation.CreateAsync("shop");
        await federation.Gateway.ExecuteAsync("{ reviews { product { ... on Book { title } } } }", null, null, CancellationToken.None);

        // Three reviews, two books.
        Assert.Equal("""[{"__typename":"Book","id":"b1"},{"__typename":"Book","id":"b2"}]""", Representations(federation, "catalog"));
    }

    [Fact]
    public async Task Required_fields_travel_in_the_representation_with_exactly_the_required_selection()
    {
        await using var federation = await TestFederation.CreateAsync("shop");
        await federation.Gateway.ExecuteAsync("{ topBooks(first: 1) { price { currency } shippingEstimate } }", null, null, CancellationToken.None);

        Assert.Equal("""[{"__typename":"Book","isbn":"isbn-1","price":{"amount":1200},"weight":500}]""", Representations(federation, "inventory"));
    }

    [Fact]
    public async Task Required_fields_under_a_client_alias_are_sent_under_their_own_names()
    {
        await using var federation = await TestFederation.CreateAsync("shop");
        await federation.Gateway.ExecuteAsync("{ topBooks(first: 1) { weight: title shippingEstimate } }", null, null, CancellationToken.None);

        Assert.Equal("""[{"__typename":"Book","isbn":"isbn-1","price":{"amount":1200},"weight":500}]""", Representations(federation, "inventory"));
    }

    [Fact]
    public async Task Compound_and_nested_keys_are_sent_whole()
    {
        await using var federation = await TestFederation.CreateAsync("learning");
        await federation.Gateway.ExecuteAsync("{ enrollments { percent } teams { score } }", null, null, CancellationToken.None);

        var request = Assert.Single(federation.Transport.Variables.Where((_, i) => federation.Transport.Requests[i].Subgraph == "progress"));
        Assert.Equal(
            """[{"__typename":"Enrollment","userId":"u1","courseId":"c1"},{"__typename":"Enrollment","userId":"u1","courseId":"c2"},{"__typename":"Enrollment","userId":"u2","courseId":"c1"}]""",
            request["representations0"]!.ToJsonString());
        Assert.Equal(
            """[{"__typename":"Team","org":{"id":"o1"},"slug":"red"},{"__typename":"Team","org":{"id":"o2"},"slug":"red"},{"__typename":"Team","org":{"id":"o1"},"slug":"blue"}]""",
            request["representations1"]!.ToJsonString());
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_turned_into_a_subgraph_error()
    {
        await using var federation = await TestFederation.CreateAsync("shop");
        federation.Transport.Failures["inventory"] = SubgraphFailure.Hangs;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            federation.Gateway.ExecuteAsync("{ topBooks { stock } }", null, null, cancellation.Token));
    }

    [Fact]
    public async Task A_cached_plan_serves_other_variables_and_concurrent_requests()
    {
        await using var federation = await TestFederation.CreateAsync("shop");
        const string query = "query ($id: ID!) { user(id: $id) { name reviewCount } }";
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            federation.Gateway.ExecuteAsync(query, null, new JsonObject { ["id"] = i % 2 == 0 ? "u1" : "u2" }, CancellationToken.None)));

        Assert.All(responses.Where((_, i) => i % 2 == 0), r => Assert.Equal("""{"data":{"user":{"name":"Ada","reviewCount":2}}}""", r.ToJsonString()));
        Assert.All(responses.Where((_, i) => i % 2 == 1), r => Assert.Equal("""{"data":{"user":{"name":"Brian","reviewCount":1}}}""", r.ToJsonString()));
    }

    private static string Representations(TestFederation federation, string subgraph) =>
        Assert.Single(federation.Transport.Variables.Where((_, i) => federation.Transport.Requests[i].Subgraph == subgraph))["representations"]!.ToJsonString();
}
