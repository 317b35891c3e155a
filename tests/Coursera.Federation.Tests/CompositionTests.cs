using Coursera.Federation.Composition;
using Coursera.Federation.Tests.Fixtures;

namespace Coursera.Federation.Tests;

public sealed class CompositionTests
{
    [Fact]
    public void The_benchmark_federation_composes_with_the_reference_ownership()
    {
        var result = Composer.Compose(Fixture.Benchmark());
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var supergraph = result.Supergraph!;

        var product = supergraph.Type("Product");
        Assert.Equal(["inventory", "products", "reviews"], product.Sources.Keys.Order());
        Assert.All(product.Sources.Keys, s => Assert.Equal("upc", Assert.Single(product.KeysIn(s)).Text));
        Assert.True(product.Fields["upc"].IsResolvableIn("inventory"), "a key field marked @external stays resolvable");
        Assert.False(product.Fields["price"].IsResolvableIn("inventory"));
        Assert.Equal("price weight", product.Fields["shippingEstimate"].Sources["inventory"].Requires!.Text);
        Assert.Equal("username", supergraph.Type("Review").Fields["author"].Sources["reviews"].Provides!.Text);
        Assert.Equal(["accounts"], supergraph.Type("Query").Fields["users"].ResolvingSubgraphs);
        Assert.Equal(["products"], supergraph.Type("Query").Fields["topProducts"].ResolvingSubgraphs);
    }

    [Fact]
    public void The_public_schema_has_no_federation_plumbing()
    {
        var sdl = Composer.Compose(Fixture.Benchmark()).Supergraph!.PublicSdl;
        Assert.Contains("topProducts(first: Int = 5): [Product]", sdl, StringComparison.Ordinal);
        Assert.Contains("shippingEstimate: Int", sdl, StringComparison.Ordinal);
        foreach (var plumbing in new[] { "@key", "@external", "@requires", "@provides", "@link", "_entities", "_service", "_Any", "join__" })
        {
            Assert.DoesNotContain(plumbing, sdl, StringComparison.Ordinal);
        }

        // The public SDL is itself valid GraphQL.
        GraphQLParser.Parser.Parse(sdl);
    }

    [Fact]
    public void The_supergraph_sdl_carries_the_join_directives_of_the_reference_composition()
    {
        var sdl = Composer.Compose(Fixture.Benchmark()).Supergraph!.SupergraphSdl;
        GraphQLParser.Parser.Parse(sdl);
        Assert.Contains("type Product @join__type(graph: INVENTORY, key: \"upc\"", sdl, StringComparison.Ordinal);
        Assert.Contains("shippingEstimate: Int @join__field(graph: INVENTORY, requires: \"price weight\")", sdl, StringComparison.Ordinal);
        Assert.Contains("weight: Int @join__field(graph: INVENTORY, external: true) @join__field(graph: PRODUCTS)", sdl, StringComparison.Ordinal);
        Assert.Contains("author: User @join__field(graph: REVIEWS, provides: \"username\")", sdl, StringComparison.Ordinal);
        Assert.Contains("ACCOUNTS @join__graph(name: \"accounts\", url: \"http://accounts.local/graphql\")", sdl, StringComparison.Ordinal);
        Assert.Contains("  upc: String!\n", sdl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FIELD_TYPE_MISMATCH", "b", "T", "name",
        "type Query { t: T } type T @key(fields: \"id\") { id: ID! name: String }",
        "type T @key(fields: \"id\") { id: ID! name: Int @shareable }")]
    [InlineData("INVALID_FIELD_SHARING", "a", "T", "name",
        "type Query { t: T } type T @key(fields: \"id\") { id: ID! name: String }",
        "type T @key(fields: \"id\") { id: ID! name: String @shareable }")]
    [InlineData("EXTERNAL_MISSING_ON_BASE", "b", "T", "ghost",
        "type Query { t: T } type T @key(fields: \"id\") { id: ID! }",
        "type T @key(fields: \"id\") { id: ID! ghost: String @external extra: String @requires(fields: \"ghost\") }")]
    [InlineData("REQUIRES_FIELDS_MISSING", "b", "T", "extra",
        "type Query { t: T } type T @key(fields: \"id\") { id: ID! }",
        "type T @key(fields: \"id\") { id: ID! extra: String @requires(fields: \"nothing\") }")]
    [InlineData("PROVIDES_FIELDS_MISSING", "b", "Query", "u",
        "type Query { t: T } type T @key(fields: \"id\") { id: ID! name: String }",
        "type Query { u: T @provides(fields: \"missing\") } type T @key(fields: \"id\") { id: ID! }")]
    [InlineData("KEY_FIELDS_MISSING", "b", "T", null,
        "type Query { t: T } type T @key(fields: \"id\") { id: ID! }",
        "type T @key(fields: \"sku\") { id: ID! other: String }")]
    [InlineData("UNRESOLVABLE_FIELD", "a", "T", "other",
        "type Query { t: T } type T @key(fields: \"id\", resolvable: false) { id: ID! }",
        "type Query { u: T } type T @key(fields: \"id\", resolvable: false) { id: ID! other: String }")]
    public void Invalid_federations_are_refused_with_errors_naming_subgraph_type_and_field(
        string code, string subgraph, string type, string? field, string sdlA, string sdlB)
    {
        var result = Composer.Compose([Fed2("a", sdlA), Fed2("b", sdlB)]);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == code && e.Subgraph == subgraph && e.Type == type && e.Field == field);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = Composer.Compose([
            Fed2("a", "type Query { t: T } type T @key(fields: \"id\") { id: ID! name: String size: Int }"),
            Fed2("b", "type T @key(fields: \"id\") { id: ID! name: Int size: Int }"),
        ]);
        Assert.Contains(result.Errors, e => e.Code == "FIELD_TYPE_MISMATCH" && e.Field == "name");
        Assert.Contains(result.Errors, e => e.Code == "INVALID_FIELD_SHARING" && e.Field == "size");
    }

    [Fact]
    public void Override_moves_a_field_and_inaccessible_hides_it_from_the_public_schema()
    {
        var result = Composer.Compose([
            Fed2("a", "type Query { t: T } type T @key(fields: \"id\") { id: ID! price: Int secret: String @inaccessible }"),
            Fed2("b", "type T @key(fields: \"id\") { id: ID! price: Int @override(from: \"a\") }"),
        ]);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var price = result.Supergraph!.Type("T").Fields["price"];
        Assert.Equal(["b"], price.ResolvingSubgraphs);
        Assert.DoesNotContain("secret", result.Supergraph.PublicSdl, StringComparison.Ordinal);
        Assert.Contains("secret: String @join__field(graph: A) @inaccessible", result.Supergraph.SupergraphSdl, StringComparison.Ordinal);
    }

    private static SubgraphDefinition Fed2(string name, string sdl) => new(name,
        "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.3\", import: [\"@key\", \"@shareable\", \"@external\", \"@requires\", \"@provides\", \"@override\", \"@inaccessible\"])\n" + sdl);
}
