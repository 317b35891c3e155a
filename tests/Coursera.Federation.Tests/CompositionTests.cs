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

    private const string Canonical = """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@shareable"])
        type Product @key(fields: "id") @key(fields: "sku") { id: ID! sku: String! weight: Int @external shipping: Int @requires(fields: "weight") }
        type Money @shareable { amount: Int }
        """;

    [Theory]
    [InlineData("renamed imports", """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
          import: [{ name: "@key", as: "@primaryKey" }, { name: "@external", as: "@remote" }, "@requires", { name: "@shareable", as: "@shared" }])
        directive @primaryKey(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
        type Product @primaryKey(fields: "id") @primaryKey(fields: "sku") { id: ID! sku: String! weight: Int @remote shipping: Int @requires(fields: "weight") }
        type Money @shared { amount: Int }
        """)]
    [InlineData("the namespaced form, nothing imported", """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3")
        type Product @federation__key(fields: "id") @federation__key(fields: "sku") {
          id: ID! sku: String! weight: Int @federation__external shipping: Int @federation__requires(fields: "weight") }
        type Money @federation__shareable { amount: Int }
        """)]
    [InlineData("a renamed namespace", """
        schema @link(url: "https://specs.apollo.dev/federation/v2.3", as: "fed") { query: Query }
        type Product @fed__key(fields: "id") @fed__key(fields: "sku") { id: ID! sku: String! weight: Int @fed__external shipping: Int @fed__requires(fields: "weight") }
        type Money @fed__shareable { amount: Int }
        """)]
    public void Federation_directives_are_recognised_under_any_name_the_link_gives_them(string form, string sdl)
    {
        var owner = new SubgraphDefinition("products", """
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
            type Query { products: [Product] money: Money }
            type Product @key(fields: "id") { id: ID! sku: String! @shareable weight: Int }
            type Money @shareable { amount: Int }
            """);
        var expected = Composer.Compose([owner, new SubgraphDefinition("shipping", Canonical)]);
        var actual = Composer.Compose([owner, new SubgraphDefinition("shipping", sdl)]);

        Assert.True(expected.Succeeded, string.Join("\n", expected.Errors));
        Assert.True(actual.Succeeded, form + ": " + string.Join("\n", actual.Errors));
        var product = actual.Supergraph!.Type("Product");
        Assert.Equal(["id", "sku"], product.KeysIn("shipping").Select(k => k.Text));
        Assert.False(product.Fields["weight"].IsResolvableIn("shipping"));
        Assert.Equal("weight", product.Fields["shipping"].Sources["shipping"].Requires!.Text);
        Assert.True(actual.Supergraph.Type("Money").Fields["amount"].Sources["shipping"].Shareable);
        Assert.Equal(expected.Supergraph!.SupergraphSdl, actual.Supergraph.SupergraphSdl);
        Assert.Equal(expected.Supergraph.PublicSdl, actual.Supergraph.PublicSdl);
    }

    [Fact]
    public void A_renamed_import_leaves_the_original_name_an_ordinary_directive()
    {
        // With @key imported as @primaryKey, a bare @key is not the federation directive: the type has no key there,
        // so its field cannot be reached from the other subgraph.
        var result = Composer.Compose([
            Fed2("a", "type Query { t: T } type T @key(fields: \"id\") { id: ID! }"),
            new SubgraphDefinition("b", """
                extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [{ name: "@key", as: "@primaryKey" }])
                directive @key(fields: String!) on OBJECT
                type T @key(fields: "id") { id: ID! @shareable extra: String }
                """),
        ]);
        Assert.Contains(result.Errors, e => e.Code == "UNRESOLVABLE_FIELD" && e.Type == "T" && e.Field == "extra");
    }

    [Fact]
    public async Task GraphQL_NET_subgraphs_compose_with_implementations_and_union_members_per_subgraph()
    {
        var subgraphs = Federations.Shop.ShopFederation.Create();
        try
        {
            var result = Composer.Compose(await TestFederation.DefinitionsAsync(subgraphs));
            Assert.True(result.Succeeded, string.Join("\n", result.Errors));
            var supergraph = result.Supergraph!;

            // Node: users declares User, catalog declares Book and Course; the public schema has all three.
            var node = supergraph.Type("Node");
            Assert.Equal(["Book", "Course", "User"], supergraph.PossibleTypes(node).Select(t => t.Name).Order());
            Assert.Equal(["User"], supergraph.PossibleTypesIn(node, "users").Select(t => t.Name));
            Assert.Equal(["Book", "Course"], supergraph.PossibleTypesIn(node, "catalog").Select(t => t.Name).Order());
            Assert.Equal(["Book"], supergraph.PossibleTypesIn(supergraph.Type("Product"), "reviews").Select(t => t.Name));
            Assert.Contains("type Book implements Product & Node", supergraph.PublicSdl, StringComparison.Ordinal);
            Assert.Contains("@join__implements(graph: REVIEWS, interface: \"Product\")", supergraph.SupergraphSdl, StringComparison.Ordinal);
            Assert.Contains("union SearchResult @join__type(graph: CATALOG) @join__unionMember(graph: CATALOG, member: \"Book\")",
                supergraph.SupergraphSdl, StringComparison.Ordinal);

            // Several keys: inventory (isbn only) is reachable from reviews (id only) through catalog.
            var book = supergraph.Type("Book");
            Assert.Equal(["reviews", "catalog", "inventory"], book.ReachableSubgraphs("reviews"));
            Assert.Equal(["reviews"], supergraph.Type("User").Fields["reviewCount"].ResolvingSubgraphs);
            Assert.True(book.Fields["internalCode"].Inaccessible);
            Assert.DoesNotContain("internalCode", supergraph.PublicSdl, StringComparison.Ordinal);
            GraphQLParser.Parser.Parse(supergraph.SupergraphSdl);
        }
        finally
        {
            foreach (var subgraph in subgraphs.Values)
            {
                await subgraph.DisposeAsync();
            }
        }
    }

    private static SubgraphDefinition Fed2(string name, string sdl) => new(name,
        "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.3\", import: [\"@key\", \"@shareable\", \"@external\", \"@requires\", \"@provides\", \"@override\", \"@inaccessible\"])\n" + sdl);
}
