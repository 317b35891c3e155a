using System.Text.Json.Nodes;
using Coursera.Testing;
using Npgsql;

namespace Coursera.Catalog.Tests.Caching;

/// <summary>
/// Public reads are cached in memory and in Redis, shared by every instance; a change made through one instance is
/// what every instance serves within a second, and nothing only a partner's staff may see reaches anyone else.
/// </summary>
public sealed class CacheAcrossInstancesTests(TwoCatalogs catalogs) : IClassFixture<TwoCatalogs>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private CatalogApp First => catalogs.First;

    [Fact]
    public async Task A_title_changed_through_one_instance_is_served_by_the_other_within_a_second()
    {
        var (courseId, slug) = await PublishedCourseAsync("cache-two-hosts", "Caching across hosts");
        Assert.Equal("Caching across hosts", await SecondTitleAsync(slug));
        Assert.Contains("Caching across hosts", await SecondPageTitlesAsync());

        // Behind the service's back, the second instance keeps serving what it cached: the reads above were cached.
        await SqlAsync("UPDATE catalog.courses SET title = 'Changed behind its back' WHERE id = @id", courseId);
        Assert.Equal("Caching across hosts", await SecondTitleAsync(slug));

        var updated = await MutateAsync("updateCourse", "UpdateCourseInput", new { courseId, title = "Renamed on the first host" }, "course { title }");
        Assert.Empty(updated["errors"]!.AsArray());

        Assert.Equal("Renamed on the first host", await WithinBoundAsync(() => SecondTitleAsync(slug), t => t == "Renamed on the first host"));
        Assert.Contains("Renamed on the first host", await WithinBoundAsync(SecondPageTitlesAsync, t => t.Contains("Renamed on the first host")));
    }

    [Fact]
    public async Task An_archived_course_leaves_the_other_instance_within_a_second()
    {
        var (courseId, slug) = await PublishedCourseAsync("cache-archive", "Archived while cached");
        Assert.NotNull(await SecondCourseAsync(slug));
        Assert.NotNull(await SecondCourseByIdAsync(courseId));
        Assert.Contains("Archived while cached", await SecondPageTitlesAsync());

        var archived = await MutateAsync("archiveCourse", "ArchiveCourseInput", new { courseId }, "course { status }");
        Assert.Equal("ARCHIVED", archived["course"]!["status"]!.GetValue<string>());

        Assert.Null(await WithinBoundAsync(() => SecondCourseAsync(slug), c => c is null));
        Assert.Null(await WithinBoundAsync(() => SecondCourseByIdAsync(courseId), c => c is null));
        Assert.DoesNotContain("Archived while cached", await WithinBoundAsync(SecondPageTitlesAsync, t => !t.Contains("Archived while cached")));
    }

    [Fact]
    public async Task A_draft_its_partner_staff_read_is_never_served_to_an_anonymous_caller()
    {
        var partnerId = await PartnerIdAsync();
        var created = await MutateAsync("createCourse", "CreateCourseInput",
            new { partnerId, slug = "cache-secret-draft", title = "Secret draft" }, "course { id status }");
        var courseId = created["course"]!["id"]!.GetValue<string>();

        // Staff read it first, through both instances, by slug and by id.
        var staffSecond = new GraphQLHttpClient(Second.CreateClient());
        staffSecond.Http.DefaultRequestHeaders.Authorization = First.GraphQL.Http.DefaultRequestHeaders.Authorization;
        foreach (var staff in new[] { First.GraphQL, staffSecond })
        {
            var seen = (await staff.PostAsync("query($slug: String!, $id: ID!) { courseBySlug(slug: $slug) { status } course(id: $id) { status } }",
                new { slug = "cache-secret-draft", id = courseId })).Ok();
            Assert.Equal("DRAFT", seen["courseBySlug"]!["status"]!.GetValue<string>());
            Assert.Equal("DRAFT", seen["course"]!["status"]!.GetValue<string>());
        }

        foreach (var anonymous in new[] { First.Anonymous, catalogs.SecondAnonymous })
        {
            var seen = (await anonymous.PostAsync(
                "query($slug: String!, $id: ID!) { courseBySlug(slug: $slug) { title } course(id: $id) { title } courses(first: 5, filter: {search: \"Secret draft\"}) { totalCount nodes { title } } }",
                new { slug = "cache-secret-draft", id = courseId })).Ok();
            Assert.Null(seen["courseBySlug"]);
            Assert.Null(seen["course"]);
            Assert.DoesNotContain("Secret draft", seen["courses"]!["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>()));
        }

        staffSecond.Http.Dispose();
    }

    [Fact]
    public async Task A_published_draft_appears_on_the_other_instance_that_had_cached_its_absence()
    {
        var partnerId = await PartnerIdAsync();
        var created = await MutateAsync("createCourse", "CreateCourseInput",
            new { partnerId, slug = "cache-late-publish", title = "Published late" }, "course { id }");
        var courseId = created["course"]!["id"]!.GetValue<string>();
        Assert.Null(await SecondCourseAsync("cache-late-publish"));

        await AddContentAsync(courseId);
        var published = await MutateAsync("publishCourse", "PublishCourseInput", new { courseId }, "course { status }");
        Assert.Equal("PUBLISHED", published["course"]!["status"]!.GetValue<string>());

        var seen = await WithinBoundAsync(() => SecondCourseAsync("cache-late-publish"), c => c is not null);
        Assert.Equal("Published late", seen!["title"]!.GetValue<string>());
        Assert.Equal("Lesson", seen["modules"]![0]!["items"]![0]!["title"]!.GetValue<string>());
    }

    private ServiceApp<Coursera.Catalog.Program> Second => catalogs.Second;

    /// <summary>Polls until <paramref name="done"/> or the staleness bound has passed, and returns the last answer.</summary>
    private static async Task<T> WithinBoundAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Bound;
        var last = await read();
        while (!done(last) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
            last = await read();
        }

        return last;
    }

    private async Task<string?> SecondTitleAsync(string slug) => (await SecondCourseAsync(slug))?["title"]?.GetValue<string>();

    private async Task<JsonNode?> SecondCourseAsync(string slug) =>
        (await catalogs.SecondAnonymous.PostAsync("query($slug: String!) { courseBySlug(slug: $slug) { title modules { items { title } } } }", new { slug }))
        .Ok()["courseBySlug"];

    private async Task<JsonNode?> SecondCourseByIdAsync(string id) =>
        (await catalogs.SecondAnonymous.PostAsync("query($id: ID!) { course(id: $id) { title } }", new { id })).Ok()["course"];

    private async Task<List<string>> SecondPageTitlesAsync() =>
        [.. (await catalogs.SecondAnonymous.PostAsync("{ courses(first: 100) { nodes { title } } }")).Ok()["courses"]!["nodes"]!.AsArray()
            .Select(n => n!["title"]!.GetValue<string>())];

    private async Task<(string Id, string Slug)> PublishedCourseAsync(string slug, string title)
    {
        var partnerId = await PartnerIdAsync();
        var created = await MutateAsync("createCourse", "CreateCourseInput", new { partnerId, slug, title }, "course { id }");
        var courseId = created["course"]!["id"]!.GetValue<string>();
        await AddContentAsync(courseId);
        var published = await MutateAsync("publishCourse", "PublishCourseInput", new { courseId }, "course { status }");
        Assert.Equal("PUBLISHED", published["course"]!["status"]!.GetValue<string>());
        await CacheConsumerCaughtUpAsync();
        return (courseId, slug);
    }

    /// <summary>
    /// Until the cache's event consumer has handled every course event written so far: its invalidation, arriving
    /// after a test's first reads, would otherwise drop what the test expects to be cached.
    /// </summary>
    private async Task CacheConsumerCaughtUpAsync()
    {
        const string Unhandled = """
            SELECT count(*) FROM catalog.outbox o
            WHERE (o.type LIKE 'course.%' OR o.type = 'specialization.created')
              AND NOT EXISTS (SELECT 1 FROM catalog.inbox i WHERE i.consumer = 'catalog-cache' AND i.event_id = o.id)
            """;
        await using var connection = new NpgsqlConnection(First.ConnectionString);
        await connection.OpenAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using var command = new NpgsqlCommand(Unhandled, connection);
            if ((long)(await command.ExecuteScalarAsync(patience.Token))! == 0)
            {
                break;
            }

            await Task.Delay(25, patience.Token);
        }

        await Task.Delay(100); // the invalidation's message on its way to the other instance
    }

    private async Task AddContentAsync(string courseId)
    {
        var module = await MutateAsync("addModule", "AddModuleInput", new { courseId, title = "Week 1" }, "module { id }");
        await MutateAsync("addItem", "AddItemInput", new { moduleId = module["module"]!["id"]!.GetValue<string>(), kind = "READING", title = "Lesson" }, "item { id }");
    }

    private async Task<string> PartnerIdAsync() =>
        (await First.GraphQL.PostAsync("{ partner(slug: \"northfield\") { id } }")).Ok()["partner"]!["id"]!.GetValue<string>();

    private async Task<JsonNode> MutateAsync(string field, string inputType, object input, string selection)
    {
        var response = await First.GraphQL.PostAsync(
            $"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {selection} errors {{ code message }} }} }}", new { input });
        var payload = response.Ok()[field]!;
        Assert.Empty(payload["errors"]!.AsArray());
        return payload;
    }

    private async Task SqlAsync(string sql, string courseId)
    {
        await using var connection = new NpgsqlConnection(First.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", Guid.Parse(courseId));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
