using Coursera.Subgraphs.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Subgraphs.Tests;

/// <summary>
/// <c>BatchLoader</c> through a schema: every item of a list loads its owner through one loader per request, and the
/// owners' store counts the round trips.
/// </summary>
public sealed class BatchLoaderTests : IAsyncLifetime
{
    private SubgraphHost _host = null!;

    private OwnerStore Store => _host.Services.GetRequiredService<OwnerStore>();

    public async Task InitializeAsync() => _host = await SubgraphHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Loads_from_every_item_of_a_list_are_one_fetch_of_the_distinct_keys()
    {
        var items = (await _host.PostAsync("{ items(first: 20, owners: 4) { id owner { id name } } }")).Ok()["items"]!.AsArray();

        Assert.Equal(20, items.Count);
        Assert.All(items, i => Assert.Equal(i!["id"]!.GetValue<int>() % 4, i["owner"]!["id"]!.GetValue<int>()));
        Assert.All(items, i => Assert.Equal($"Owner {i!["owner"]!["id"]}", i["owner"]!["name"]!.GetValue<string>()));
        var fetch = Assert.Single(Store.Fetches);
        Assert.Equal([0, 1, 2, 3], fetch.Order());
    }

    [Fact]
    public async Task Loads_from_sibling_root_fields_are_one_fetch()
    {
        var data = (await _host.PostAsync("{ a: owner(id: 1) { name } b: owner(id: 2) { name } c: owner(id: 1) { id } }")).Ok();

        Assert.Equal("Owner 1", data["a"]!["name"]!.GetValue<string>());
        Assert.Equal("Owner 2", data["b"]!["name"]!.GetValue<string>());
        Assert.Equal(1, data["c"]!["id"]!.GetValue<int>());
        Assert.Equal([1, 2], Assert.Single(Store.Fetches).Order());
    }

    [Fact]
    public async Task A_key_already_loaded_in_the_request_is_not_fetched_again()
    {
        // Owners 0..2 are loaded for the items; their "next" owners are 1, 2 (cached) and 3 (new).
        var items = (await _host.PostAsync("{ items(first: 6, owners: 3) { owner { id next { id next { id } } } } }")).Ok()["items"]!.AsArray();

        Assert.All(items, i => Assert.Equal(i!["owner"]!["id"]!.GetValue<int>() + 1, i["owner"]!["next"]!["id"]!.GetValue<int>()));
        Assert.Equal([[0, 1, 2], [3], [4]], Store.Fetches.Select(f => f.Order().ToArray()));
    }

    [Fact]
    public async Task The_cache_lives_for_one_request()
    {
        await _host.PostAsync("{ owner(id: 5) { id } }");
        await _host.PostAsync("{ owner(id: 5) { id } }");

        Assert.Equal([[5], [5]], Store.Fetches);
    }

    [Fact]
    public async Task A_key_the_store_does_not_have_resolves_to_null_without_error()
    {
        var data = (await _host.PostAsync("{ known: owner(id: 2) { id } unknown: owner(id: 4000) { id } }")).Ok();

        Assert.Equal(2, data["known"]!["id"]!.GetValue<int>());
        Assert.Null(data["unknown"]);
        Assert.Single(Store.Fetches);
    }

    [Fact]
    public async Task A_failing_fetch_fails_every_key_that_waited_for_it()
    {
        var result = await _host.PostAsync("{ itemsWithBrokenOwners(first: 4) { id owner { id } } }");

        var items = result.Data!["itemsWithBrokenOwners"]!.AsArray();
        Assert.Equal([1, 2, 3, 4], items.Select(i => i!["id"]!.GetValue<int>()));
        Assert.All(items, i => Assert.Null(i!["owner"]));
        Assert.Equal(4, result.AssertErrorsWithCodes().Count);
        Assert.All(result.Codes, c => Assert.Equal("INTERNAL", c));
        Assert.Equal([0, 1, 2, 3], result.Errors.Select(e => e!["path"]![1]!.GetValue<int>()).Order());
        Assert.DoesNotContain("owners table", result.Body, StringComparison.Ordinal);
        Assert.Single(Store.Fetches);
    }
}
