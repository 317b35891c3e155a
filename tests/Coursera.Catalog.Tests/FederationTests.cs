namespace Coursera.Catalog.Tests;

/// <summary>What the gateway relies on: the subgraph's SDL and entity resolution by key.</summary>
public sealed class FederationTests(CatalogApp catalog) : IClassFixture<CatalogApp>
{
    [Fact]
    public async Task The_service_sdl_declares_every_entity_with_its_key()
    {
        var sdl = (await catalog.GraphQL.PostAsync("{ _service { sdl } }")).Ok()["_service"]!["sdl"]!.GetValue<string>();
        Assert.Contains("federation/v2", sdl, StringComparison.Ordinal);
        foreach (var entity in new[] { "Course", "Partner", "Instructor", "Item", "Specialization", "CourseSession" })
        {
            Assert.Matches($@"type {entity} @key\(fields: ""id""\)", sdl);
        }

        Assert.Matches(@"type PageInfo @shareable", sdl);
        Assert.Matches(@"type UserError @shareable", sdl);
    }

    [Fact]
    public async Task Entities_resolve_from_their_key_in_the_order_asked()
    {
        var seed = (await catalog.GraphQL.PostAsync(
            "{ courses(first: 2) { nodes { id title partner { id name } modules { items { id title } } instructors { id name } } } }")).Ok();
        var course = seed["courses"]!["nodes"]![1]!;
        var first = seed["courses"]!["nodes"]![0]!;
        var item = course["modules"]![0]!["items"]![0]!;
        var representations = new object[]
        {
            new Dictionary<string, object> { ["__typename"] = "Course", ["id"] = course["id"]!.GetValue<string>() },
            new Dictionary<string, object> { ["__typename"] = "Partner", ["id"] = course["partner"]!["id"]!.GetValue<string>() },
            new Dictionary<string, object> { ["__typename"] = "Item", ["id"] = item["id"]!.GetValue<string>() },
            new Dictionary<string, object> { ["__typename"] = "Course", ["id"] = first["id"]!.GetValue<string>() },
            new Dictionary<string, object> { ["__typename"] = "Course", ["id"] = Guid.CreateVersion7().ToString() },
        };
        var entities = (await catalog.GraphQL.PostAsync("""
            query($r: [_Any!]!) { _entities(representations: $r) {
              __typename
              ... on Course { title }
              ... on Partner { name }
              ... on Item { title }
            } }
            """, new { r = representations })).Ok()["_entities"]!.AsArray();
        Assert.Equal(5, entities.Count);
        Assert.Equal(course["title"]!.GetValue<string>(), entities[0]!["title"]!.GetValue<string>());
        Assert.Equal(course["partner"]!["name"]!.GetValue<string>(), entities[1]!["name"]!.GetValue<string>());
        Assert.Equal(item["title"]!.GetValue<string>(), entities[2]!["title"]!.GetValue<string>());
        Assert.Equal(first["title"]!.GetValue<string>(), entities[3]!["title"]!.GetValue<string>());
        Assert.Null(entities[4]);
    }

    [Fact]
    public async Task A_draft_course_does_not_resolve_as_an_entity()
    {
        await using var connection = new Npgsql.NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id FROM catalog.courses WHERE status = 'Draft' LIMIT 1", connection);
        var draftId = (Guid)(await command.ExecuteScalarAsync())!;

        var entities = (await catalog.GraphQL.PostAsync(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Course { title } } }",
            new { r = new[] { new Dictionary<string, object> { ["__typename"] = "Course", ["id"] = draftId.ToString() } } })).Ok()["_entities"]!.AsArray();
        Assert.Null(Assert.Single(entities));
    }
}
