using System.Buffers.Text;
using System.Text;
using Coursera.Subgraphs.Connections;
using Coursera.Subgraphs.Tests.Support;
using GraphQL;

namespace Coursera.Subgraphs.Tests;

/// <summary>Opaque keyset cursors: what the server hands out comes back intact, anything else is the client's error.</summary>
public sealed class CursorTests
{
    [Fact]
    public void A_cursor_round_trips_every_kind_of_sort_key()
    {
        var id = Guid.CreateVersion7();
        var at = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234);
        var cursor = Cursor.Create("courses.rank", 0.1f + 0.2f, at, id, "Zoë's \"course\"").ToString();

        var parsed = Cursor.Parse(cursor).Expect("courses.rank", 4);

        Assert.Equal(0.1f + 0.2f, parsed.GetSingle(0));
        Assert.Equal(at, parsed.GetDateTime(1));
        Assert.Equal(DateTimeKind.Utc, parsed.GetDateTime(1).Kind);
        Assert.Equal(id, parsed.GetGuid(2));
        Assert.Equal("Zoë's \"course\"", parsed.GetString(3));
    }

    [Fact]
    public void A_cursor_is_url_safe_text()
    {
        var cursor = Cursor.Create("k", "???>>>~~~", Guid.Empty).ToString();

        Assert.Matches("^[A-Za-z0-9_-]+$", cursor);
    }

    [Fact]
    public void A_local_time_is_keyed_as_the_same_instant_in_utc()
    {
        var local = new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Local);

        var parsed = Cursor.Parse(Cursor.Create("k", local).ToString());

        Assert.Equal(local.ToUniversalTime(), parsed.GetDateTime(0));
    }

    public static TheoryData<string, string> Tampered()
    {
        var good = Cursor.Create("items.id", 7).ToString();
        return new TheoryData<string, string>
        {
            { good[..^3], "truncated" },
            { good + "!", "a character that is not base64url" },
            { "x" + good, "shifted" },
            { string.Empty, "empty" },
            { "not a cursor", "made up" },
            { Encode("{\"kind\":\"items.id\"}"), "an object" },
            { Encode("[]"), "an empty list" },
            { Encode("[1, 2]"), "numbers" },
            { Encode("\"items.id\""), "a string" },
            { Encode("[\"items.id\""), "broken JSON" },
        };
    }

    [Theory]
    [MemberData(nameof(Tampered))]
    public void A_tampered_cursor_is_bad_user_input(string cursor, string why)
    {
        var error = Assert.Throws<ExecutionError>(() => Cursor.Parse(cursor).Expect("items.id", 1));

        Assert.True(error.Code == "BAD_USER_INPUT", why);
    }

    [Theory]
    [InlineData("items.name", 1, "another ordering")]
    [InlineData("items.id", 2, "another number of keys")]
    public void A_cursor_from_another_ordering_is_bad_user_input(string kind, int count, string why)
    {
        var foreign = Cursor.Create(kind, Enumerable.Range(0, count).Cast<object>().ToArray()).ToString();

        var error = Assert.Throws<ExecutionError>(() => Cursor.Parse(foreign).Expect("items.id", 1));

        Assert.True(error.Code == "BAD_USER_INPUT", why);
    }

    [Fact]
    public void A_key_of_the_wrong_type_is_bad_user_input()
    {
        var cursor = Cursor.Parse(Cursor.Create("k", "not-a-guid", "not-a-number", "not-ticks", long.MaxValue).ToString());

        Assert.Equal("BAD_USER_INPUT", Assert.Throws<ExecutionError>(() => cursor.GetGuid(0)).Code);
        Assert.Equal("BAD_USER_INPUT", Assert.Throws<ExecutionError>(() => cursor.GetSingle(1)).Code);
        Assert.Equal("BAD_USER_INPUT", Assert.Throws<ExecutionError>(() => cursor.GetDateTime(2)).Code);
        Assert.Equal("BAD_USER_INPUT", Assert.Throws<ExecutionError>(() => cursor.GetDateTime(3)).Code);
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}

/// <summary>Relay connections and their paging arguments, through a schema field as a client pages.</summary>
public sealed class ConnectionTests(ProductionHost fixture) : IClassFixture<ProductionHost>
{
    private const string Page = "query($first: Int, $after: String) { itemsPage(first: $first, after: $after) { totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }";

    private SubgraphHost Host => fixture.Host;

    [Fact]
    public async Task Paging_with_end_cursors_visits_every_item_once_in_order()
    {
        var ids = new List<int>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = (await Host.PostAsync(Page, new { first = 10, after })).Ok()["itemsPage"]!;
            Assert.Equal(TestQuery.ItemCount, page["totalCount"]!.GetValue<int>());
            Assert.Equal(after is not null, page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
            var edges = page["edges"]!.AsArray();
            Assert.Equal(edges.Select(e => e!["node"]!["id"]!.GetValue<int>()), page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<int>()));
            Assert.Equal(edges[0]!["cursor"]!.GetValue<string>(), page["pageInfo"]!["startCursor"]!.GetValue<string>());
            Assert.Equal(edges[^1]!["cursor"]!.GetValue<string>(), page["pageInfo"]!["endCursor"]!.GetValue<string>());
            ids.AddRange(edges.Select(e => e!["node"]!["id"]!.GetValue<int>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, TestQuery.ItemCount), ids);
    }

    [Fact]
    public async Task First_defaults_to_20_and_may_be_0_or_100()
    {
        var byDefault = (await Host.PostAsync(Page)).Ok()["itemsPage"]!;
        var none = (await Host.PostAsync(Page, new { first = 0 })).Ok()["itemsPage"]!;
        var max = (await Host.PostAsync(Page, new { first = 100 })).Ok()["itemsPage"]!;

        Assert.Equal(20, byDefault["nodes"]!.AsArray().Count);
        Assert.Empty(none["nodes"]!.AsArray());
        Assert.True(none["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Null(none["pageInfo"]!["endCursor"]);
        Assert.Equal(TestQuery.ItemCount, max["nodes"]!.AsArray().Count);
        Assert.False(max["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(101)]
    [InlineData(1000)]
    [InlineData(-1)]
    public async Task First_outside_0_to_100_is_bad_user_input(int first)
    {
        var result = await Host.PostAsync(Page, new { first });

        Assert.Equal(["BAD_USER_INPUT"], result.Codes);
        Assert.Contains("100", result.Errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(result.Data);
    }

    [Theory]
    [InlineData("bm90LWEtY3Vyc29y")]
    [InlineData("!!")]
    public async Task A_tampered_after_is_bad_user_input(string after)
    {
        var result = await Host.PostAsync(Page, new { after });

        Assert.Equal(["BAD_USER_INPUT"], result.Codes);
        Assert.Equal("The cursor is not valid.", result.Errors[0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cursor_of_another_ordering_is_bad_user_input()
    {
        var result = await Host.PostAsync(Page, new { after = Cursor.Create("items.name", "Item 3").ToString() });

        Assert.Equal(["BAD_USER_INPUT"], result.Codes);
        Assert.Equal("The cursor does not belong to this ordering.", result.Errors[0]!["message"]!.GetValue<string>());
    }
}
