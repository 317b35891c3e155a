using System.Net;
using System.Net.Http.Json;
using Coursera.Subgraphs.Internal;
using Coursera.Testing;
using Npgsql;

namespace Coursera.Catalog.Tests;

/// <summary>
/// The security review's F5 and F24 against the catalog served on its own: entity references obey the root fields'
/// visibility rules, and text too long for the catalog is a user error, not a failure of the save.
/// </summary>
public sealed class SubgraphEdgeTests(CatalogApp catalog) : IClassFixture<CatalogApp>
{
    private const string EntitiesOfItems =
        "query($r:[_Any!]!){_entities(representations:$r){... on Item{id title videoAssetId moduleId}}}";

    [Fact]
    public async Task Items_and_sessions_of_draft_or_archived_courses_do_not_resolve_as_entities()
    {
        foreach (var status in new[] { "Draft", "Archived" })
        {
            var itemId = await ScalarAsync(
                "SELECT i.id FROM catalog.items i JOIN catalog.modules m ON m.id = i.module_id JOIN catalog.courses c ON c.id = m.course_id "
                + "WHERE c.status = @status LIMIT 1", status);
            var sessionId = await ScalarAsync(
                "SELECT s.id FROM catalog.course_sessions s JOIN catalog.courses c ON c.id = s.course_id WHERE c.status = @status LIMIT 1", status);

            // The review's exact request, anonymous.
            var items = (await catalog.Anonymous.PostAsync(EntitiesOfItems,
                new { r = new[] { new Dictionary<string, object> { ["__typename"] = "Item", ["id"] = itemId.ToString() } } })).Ok()["_entities"]!.AsArray();
            Assert.Null(Assert.Single(items));

            var sessions = (await catalog.Anonymous.PostAsync("query($r:[_Any!]!){_entities(representations:$r){... on CourseSession{id startsAt}}}",
                new { r = new[] { new Dictionary<string, object> { ["__typename"] = "CourseSession", ["id"] = sessionId.ToString() } } })).Ok()["_entities"]!.AsArray();
            Assert.Null(Assert.Single(sessions));
        }

        // Items of a published course still resolve: the gateway needs them.
        var publicItem = await ScalarAsync(
            "SELECT i.id FROM catalog.items i JOIN catalog.modules m ON m.id = i.module_id JOIN catalog.courses c ON c.id = m.course_id "
            + "WHERE c.status = @status LIMIT 1", "Published");
        var resolved = (await catalog.Anonymous.PostAsync(EntitiesOfItems,
            new { r = new[] { new Dictionary<string, object> { ["__typename"] = "Item", ["id"] = publicItem.ToString() } } })).Ok()["_entities"]!.AsArray();
        Assert.Equal(publicItem.ToString(), Assert.Single(resolved)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_two_megabyte_description_is_a_user_error_and_stores_nothing()
    {
        var partnerId = await PartnerIdAsync();
        var response = await catalog.GraphQL.PostAsync(
            "mutation($input: CreateCourseInput!) { createCourse(input: $input) { course { id } errors { code path } } }",
            new { input = new { partnerId, slug = "huge-description", title = "Huge", description = new string('a', 2_000_000), subtitle = new string('b', 501) } });

        Assert.Equal(200, response.StatusCode);
        var payload = response.Ok()["createCourse"]!;
        Assert.Null(payload["course"]);
        var codes = payload["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("INVALID_DESCRIPTION", codes);
        Assert.Contains("INVALID_SUBTITLE", codes);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM catalog.courses WHERE slug = 'huge-description'"));
    }

    [Fact]
    public async Task A_long_module_description_or_course_update_is_a_user_error()
    {
        var courseId = (await ScalarAsync("SELECT id FROM catalog.courses WHERE status = @status LIMIT 1", "Published")).ToString();
        var module = (await catalog.GraphQL.PostAsync(
            "mutation($input: AddModuleInput!) { addModule(input: $input) { module { id } errors { code } } }",
            new { input = new { courseId, title = "Long", description = new string('a', 20_001) } })).Ok()["addModule"]!;
        Assert.Null(module["module"]);
        Assert.Equal("INVALID_DESCRIPTION", module["errors"]![0]!["code"]!.GetValue<string>());

        var update = (await catalog.GraphQL.PostAsync(
            "mutation($input: UpdateCourseInput!) { updateCourse(input: $input) { course { id } errors { code } } }",
            new { input = new { courseId, description = new string('a', 20_001) } })).Ok()["updateCourse"]!;
        Assert.Null(update["course"]);
        Assert.Equal("INVALID_DESCRIPTION", update["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(0L, await CountAsync($"SELECT count(*) FROM catalog.courses WHERE length(description) > 20000"));
    }

    [Fact]
    public async Task An_overlong_search_is_bad_user_input()
    {
        var response = await catalog.Anonymous.PostAsync("query($s: String) { courses(first: 5, filter: {search: $s}) { totalCount nodes { id } } }",
            new { s = string.Join(' ', Enumerable.Repeat("learning", 200)) });
        Assert.Equal("BAD_USER_INPUT", response.ErrorCode());
        Assert.Null(response.Data?["courses"]);
    }

    private async Task<string> PartnerIdAsync() =>
        (await catalog.Anonymous.PostAsync("{ partners(first: 1) { nodes { id } } }")).Ok()["partners"]!["nodes"]![0]!["id"]!.GetValue<string>();

    private async Task<Guid> ScalarAsync(string sql, string status)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("status", status);
        return (Guid)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"The seed has no {status} row for: {sql}"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>
/// The catalog with the gateway key configured, in the middle of a rotation (it also accepts the next key): only
/// signed requests reach the subgraph.
/// </summary>
public sealed class SignedCatalogApp : CatalogApp
{
    public const string Key = "test-gateway-key-0123456789abcdefghijklmnop";

    public const string NextKey = "next-gateway-key-0123456789abcdefghijklmnop";

    public SignedCatalogApp()
    {
        Settings[GatewayCredential.KeySetting] = Key;
        Settings[$"{GatewayCredential.AcceptedKeysSetting}:0"] = NextKey;
    }
}

public sealed class GatewayCredentialTests(SignedCatalogApp catalog) : IClassFixture<SignedCatalogApp>
{
    [Theory]
    [InlineData("{ _service { sdl } }")]
    [InlineData("query($r:[_Any!]!){_entities(representations:$r){... on Item{id title videoAssetId moduleId}}}")]
    [InlineData("{ courses(first: 1) { totalCount } }")]
    public async Task Without_the_gateway_signature_the_subgraph_refuses_with_403(string query)
    {
        using var http = catalog.Server.CreateClient();
        using var response = await http.PostAsJsonAsync("/graphql", new { query, variables = new { r = Array.Empty<object>() } });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("sdl", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_made_with_another_key_or_for_another_path_is_refused()
    {
        foreach (var (key, path) in new[] { ("another-key-of-enough-length-0123456789", "/graphql"), (SignedCatalogApp.Key, "/subgraphs/learner/graphql") })
        {
            using var http = catalog.Server.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ _service { sdl } }" }) };
            request.Headers.Add(GatewayCredential.HeaderName, new GatewayCredential(key).Sign("POST", path));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_signature_older_than_the_tolerance_is_refused()
    {
        var past = new FixedTime(DateTimeOffset.UtcNow - GatewayCredential.Tolerance - TimeSpan.FromMinutes(1));
        using var http = catalog.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ _service { sdl } }" }) };
        request.Headers.Add(GatewayCredential.HeaderName, new GatewayCredential(SignedCatalogApp.Key, past).Sign("POST", "/graphql"));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(SignedCatalogApp.Key)]
    [InlineData(SignedCatalogApp.NextKey)] // a gateway already moved to the key the subgraphs accept during a rotation
    public async Task The_gateway_signature_admits_the_request(string key)
    {
        using var http = catalog.CreateDefaultClient(new GatewaySigningHandler(new GatewayCredential(key)));
        var sdl = (await new GraphQLHttpClient(http).PostAsync("{ _service { sdl } }")).Ok()["_service"]!["sdl"]!.GetValue<string>();
        Assert.Contains("type Item @key", sdl, StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
