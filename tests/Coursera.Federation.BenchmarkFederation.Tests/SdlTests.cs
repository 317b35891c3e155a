namespace Coursera.Federation.BenchmarkFederation.Tests;

public sealed class SdlTests(SubgraphsFixture fixture) : IClassFixture<SubgraphsFixture>
{
    private readonly BenchmarkSubgraphs _subgraphs = fixture.Subgraphs;

    public static TheoryData<string> Subgraphs => new(BenchmarkSubgraphs.Accounts, BenchmarkSubgraphs.Products, BenchmarkSubgraphs.Inventory, BenchmarkSubgraphs.Reviews);

    [Fact]
    public void The_four_subgraphs_are_named_as_in_the_benchmark() =>
        Assert.Equal(["accounts", "products", "inventory", "reviews"], _subgraphs.Names);

    [Theory]
    [MemberData(nameof(Subgraphs))]
    public async Task Service_sdl_has_the_types_fields_and_directives_of_the_subgraph_file(string subgraph)
    {
        var response = await _subgraphs.PostAsync(subgraph, "{ _service { sdl } }");
        var sdl = response.Data()["_service"]!["sdl"]!.GetValue<string>();

        Assert.Equal(SdlShape.Of(BenchmarkFiles.Read(BenchmarkFiles.SubgraphSdl(subgraph))), SdlShape.Of(sdl));
        Assert.Contains("@link(url: \"https://specs.apollo.dev/federation/v2.5\"", sdl, StringComparison.Ordinal);
        Assert.Equal(sdl, await _subgraphs.SdlAsync(subgraph));
    }

    [Fact]
    public async Task Accounts_sdl_declares_user_keyed_by_id_and_its_root_fields()
    {
        var sdl = await _subgraphs.SdlAsync(BenchmarkSubgraphs.Accounts);

        Assert.Contains("type User @key(fields: \"id\") {", sdl, StringComparison.Ordinal);
        Assert.Contains("extend type Query {", sdl, StringComparison.Ordinal);
        Assert.Contains("user(id: ID!): User", sdl, StringComparison.Ordinal);
        Assert.Contains("users: [User]", sdl, StringComparison.Ordinal);
        Assert.DoesNotContain(SdlShape.Of(sdl), line => line.Contains("@external", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Products_sdl_declares_product_keyed_by_upc_and_top_products_with_default_five()
    {
        var sdl = await _subgraphs.SdlAsync(BenchmarkSubgraphs.Products);

        Assert.Contains("type Product @key(fields: \"upc\") {", sdl, StringComparison.Ordinal);
        Assert.DoesNotContain("extend type Product", sdl, StringComparison.Ordinal);
        Assert.Contains("topProducts(first: Int = 5): [Product]", sdl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inventory_sdl_extends_product_with_external_price_and_weight_required_by_shipping_estimate()
    {
        var sdl = await _subgraphs.SdlAsync(BenchmarkSubgraphs.Inventory);

        Assert.Contains("extend type Product @key(fields: \"upc\") {", sdl, StringComparison.Ordinal);
        Assert.Contains("upc: String! @external", sdl, StringComparison.Ordinal);
        Assert.Contains("weight: Int @external", sdl, StringComparison.Ordinal);
        Assert.Contains("price: Int @external", sdl, StringComparison.Ordinal);
        Assert.Contains("shippingEstimate: Int @requires(fields: \"price weight\")", sdl, StringComparison.Ordinal);
        // No root fields of its own, and none of GraphQL.NET's federation plumbing.
        Assert.DoesNotContain("Query", sdl, StringComparison.Ordinal);
        Assert.DoesNotContain("_entities", sdl, StringComparison.Ordinal);
        Assert.DoesNotContain("_Any", sdl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reviews_sdl_extends_product_and_user_and_provides_username_on_author()
    {
        var sdl = await _subgraphs.SdlAsync(BenchmarkSubgraphs.Reviews);

        Assert.Contains("extend type Product @key(fields: \"upc\") {", sdl, StringComparison.Ordinal);
        Assert.Contains("type Review @key(fields: \"id\") {", sdl, StringComparison.Ordinal);
        Assert.Contains("author: User @provides(fields: \"username\")", sdl, StringComparison.Ordinal);
        Assert.Contains("extend type User @key(fields: \"id\") {", sdl, StringComparison.Ordinal);
        Assert.Contains("id: ID! @external", sdl, StringComparison.Ordinal);
        Assert.Contains("username: String @external", sdl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdl_async_is_not_counted_as_a_request()
    {
        await using var subgraphs = BenchmarkSubgraphs.Create();

        await subgraphs.SdlAsync(BenchmarkSubgraphs.Reviews);

        Assert.Equal(0, subgraphs.RequestCount(BenchmarkSubgraphs.Reviews));
    }
}
