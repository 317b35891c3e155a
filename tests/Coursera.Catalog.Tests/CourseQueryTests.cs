using System.Text.Json.Nodes;

namespace Coursera.Catalog.Tests;

public sealed class CourseQueryTests(CatalogApp catalog) : IClassFixture<CatalogApp>
{
    private const int PublishedInSeed = 34;

    [Fact]
    public async Task Paging_through_courses_visits_every_published_course_once_and_no_draft()
    {
        var slugs = new List<string>();
        string? after = null;
        int pages = 0;
        do
        {
            var data = (await catalog.GraphQL.PostAsync(
                "query($after: String) { courses(first: 7, after: $after) { totalCount nodes { slug status } pageInfo { hasNextPage endCursor } } }",
                new { after })).Ok()["courses"]!;
            Assert.Equal(PublishedInSeed, data["totalCount"]!.GetValue<int>());
            foreach (var node in data["nodes"]!.AsArray())
            {
                Assert.Equal("PUBLISHED", node!["status"]!.GetValue<string>());
                slugs.Add(node["slug"]!.GetValue<string>());
            }

            after = data["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? data["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            pages++;
        }
        while (after is not null);

        Assert.Equal(5, pages);
        Assert.Equal(PublishedInSeed, slugs.Count);
        Assert.Equal(PublishedInSeed, slugs.Distinct().Count());
    }

    [Fact]
    public async Task Newest_first_is_the_default_order()
    {
        var nodes = (await catalog.GraphQL.PostAsync("{ courses(first: 100) { nodes { publishedAt } } }")).Ok()["courses"]!["nodes"]!.AsArray();
        var dates = nodes.Select(n => n!["publishedAt"]!.GetValue<DateTime>()).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Fact]
    public async Task Ordering_by_title_pages_alphabetically()
    {
        var first = (await catalog.GraphQL.PostAsync("{ courses(first: 10, orderBy: TITLE) { nodes { title } pageInfo { endCursor } } }")).Ok()["courses"]!;
        var second = (await catalog.GraphQL.PostAsync("query($after: String) { courses(first: 10, orderBy: TITLE, after: $after) { nodes { title } } }",
            new { after = first["pageInfo"]!["endCursor"]!.GetValue<string>() })).Ok()["courses"]!;
        var titles = first["nodes"]!.AsArray().Concat(second["nodes"]!.AsArray()).Select(n => n!["title"]!.GetValue<string>()).ToList();
        Assert.Equal(20, titles.Count);
        Assert.Equal(titles.Order(StringComparer.Ordinal), titles);
    }

    [Fact]
    public async Task Full_text_search_ranks_title_matches_first()
    {
        var nodes = (await catalog.GraphQL.PostAsync(
            "{ courses(first: 10, filter: {search: \"neural networks\"}) { totalCount nodes { title description } } }")).Ok()["courses"]!;
        var titles = nodes["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(titles);
        Assert.All(titles.Take(2), t => Assert.Contains("Neural Networks", t, StringComparison.Ordinal));
        Assert.Equal(titles.Count, nodes["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Search_matches_stemmed_words_and_pages_by_relevance()
    {
        var all = (await catalog.GraphQL.PostAsync(
            "{ courses(first: 100, filter: {search: \"learning\"}) { totalCount nodes { slug } } }")).Ok()["courses"]!;
        var total = all["totalCount"]!.GetValue<int>();
        Assert.True(total > 3, "'learning' should match several seeded courses");

        var paged = new List<string>();
        string? after = null;
        do
        {
            var page = (await catalog.GraphQL.PostAsync(
                "query($after: String) { courses(first: 2, after: $after, filter: {search: \"learning\"}) { nodes { slug } pageInfo { hasNextPage endCursor } } }",
                new { after })).Ok()["courses"]!;
            paged.AddRange(page["nodes"]!.AsArray().Select(n => n!["slug"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        Assert.Equal(all["nodes"]!.AsArray().Select(n => n!["slug"]!.GetValue<string>()), paged);
    }

    [Theory]
    [InlineData("{ courses(first: 100, filter: {partnerSlug: \"northfield\"}) { nodes { partner { slug } } } }", "partner.slug", "northfield")]
    [InlineData("{ courses(first: 100, filter: {level: ADVANCED}) { nodes { level } } }", "level", "ADVANCED")]
    [InlineData("{ courses(first: 100, filter: {language: \"es\"}) { nodes { language } } }", "language", "es")]
    public async Task Filters_narrow_the_catalog(string query, string field, string expected)
    {
        var nodes = (await catalog.GraphQL.PostAsync(query)).Ok()["courses"]!["nodes"]!.AsArray();
        Assert.NotEmpty(nodes);
        Assert.All(nodes, n =>
        {
            JsonNode? value = n;
            foreach (var part in field.Split('.'))
            {
                value = value![part];
            }

            Assert.Equal(expected, value!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Skill_filter_returns_only_courses_teaching_it()
    {
        var nodes = (await catalog.GraphQL.PostAsync("{ courses(first: 100, filter: {skill: \"python\"}) { nodes { skills } } }"))
            .Ok()["courses"]!["nodes"]!.AsArray();
        Assert.NotEmpty(nodes);
        Assert.All(nodes, n => Assert.Contains("python", n!["skills"]!.AsArray().Select(s => s!.GetValue<string>())));
    }

    [Fact]
    public async Task A_course_by_slug_lists_its_modules_and_items_in_order()
    {
        var course = (await catalog.GraphQL.PostAsync("""
            { courseBySlug(slug: "machine-learning-foundations-northfield") {
                title partner { name } instructors { name }
                modules { position title items { position kind title videoAssetId required } }
                sessions { startsAt endsAt enrollmentOpensAt enrollmentClosesAt } } }
            """)).Ok()["courseBySlug"]!;
        Assert.Equal("Machine Learning Foundations", course["title"]!.GetValue<string>());
        Assert.Equal("Northfield University", course["partner"]!["name"]!.GetValue<string>());
        var modules = course["modules"]!.AsArray();
        Assert.Equal(Enumerable.Range(0, modules.Count), modules.Select(m => m!["position"]!.GetValue<int>()));
        foreach (var module in modules)
        {
            var items = module!["items"]!.AsArray();
            Assert.Equal(Enumerable.Range(0, items.Count), items.Select(i => i!["position"]!.GetValue<int>()));
            Assert.All(items.Where(i => i!["kind"]!.GetValue<string>() == "LECTURE"), i => Assert.NotNull(i!["videoAssetId"]));
        }

        // Two dated sessions and a self-paced one whose enrollment stays open.
        var sessions = course["sessions"]!.AsArray();
        Assert.Equal(3, sessions.Count);
        Assert.Contains(sessions, s => s!["enrollmentClosesAt"]!.GetValue<DateTime>() > DateTime.UtcNow);
    }

    [Fact]
    public async Task Drafts_and_archived_courses_are_hidden_from_the_public()
    {
        // The seed keeps courses 34..37 as drafts and archives 38 and 39; their slugs end with the partner slug.
        var hidden = new[] { "quantum-computing-for-everyone-ii-northfield", "leadership-and-negotiation-ii-kings-bridge" };
        foreach (var slug in hidden)
        {
            var data = (await catalog.Anonymous.PostAsync("query($slug: String!) { courseBySlug(slug: $slug) { id } }", new { slug })).Ok();
            Assert.Null(data["courseBySlug"]);
        }

        var search = (await catalog.Anonymous.PostAsync("{ courses(first: 100, filter: {search: \"quantum\"}) { nodes { slug } } }")).Ok();
        Assert.DoesNotContain(search["courses"]!["nodes"]!.AsArray(), n => hidden.Contains(n!["slug"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("{ courses(first: 101) { nodes { id } } }")]
    [InlineData("{ courses(first: -1) { nodes { id } } }")]
    [InlineData("{ courses(after: \"not-a-cursor\") { nodes { id } } }")]
    [InlineData("{ courses(orderBy: RELEVANCE) { nodes { id } } }")]
    [InlineData("{ course(id: \"42\") { id } }")]
    public async Task Malformed_arguments_are_bad_user_input(string query)
    {
        var response = await catalog.GraphQL.PostAsync(query);
        Assert.Equal("BAD_USER_INPUT", response.ErrorCode());
    }

    [Fact]
    public async Task A_cursor_from_another_ordering_is_refused()
    {
        var cursor = (await catalog.GraphQL.PostAsync("{ courses(first: 1, orderBy: TITLE) { pageInfo { endCursor } } }"))
            .Ok()["courses"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        var response = await catalog.GraphQL.PostAsync(
            "query($after: String) { courses(first: 1, orderBy: NEWEST, after: $after) { nodes { id } } }", new { after = cursor });
        Assert.Equal("BAD_USER_INPUT", response.ErrorCode());
    }

    [Fact]
    public async Task Partners_and_specializations_are_browsable()
    {
        var data = (await catalog.GraphQL.PostAsync("""
            { partners(first: 10) { totalCount nodes { slug name country instructors { name } courses(first: 3) { nodes { partner { slug } } } } }
              specializations { nodes { slug title partner { slug } courses { slug partner { slug } } } } }
            """)).Ok();
        var partners = data["partners"]!["nodes"]!.AsArray();
        Assert.Equal(4, data["partners"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(partners.Select(p => p!["slug"]!.GetValue<string>()).Order(StringComparer.Ordinal),
            partners.Select(p => p!["slug"]!.GetValue<string>()));
        foreach (var partner in partners)
        {
            Assert.Equal(4, partner!["instructors"]!.AsArray().Count);
            Assert.All(partner["courses"]!["nodes"]!.AsArray(), c => Assert.Equal(partner["slug"]!.GetValue<string>(), c!["partner"]!["slug"]!.GetValue<string>()));
        }

        var specializations = data["specializations"]!["nodes"]!.AsArray();
        Assert.Equal(4, specializations.Count);
        Assert.All(specializations, s =>
        {
            Assert.Equal(3, s!["courses"]!.AsArray().Count);
            Assert.All(s["courses"]!.AsArray(), c => Assert.Equal(s["partner"]!["slug"]!.GetValue<string>(), c!["partner"]!["slug"]!.GetValue<string>()));
        });

        var one = (await catalog.GraphQL.PostAsync("query($slug: String!) { specialization(slug: $slug) { slug } partner(slug: \"northfield\") { name } }",
            new { slug = specializations[0]!["slug"]!.GetValue<string>() })).Ok();
        Assert.Equal(specializations[0]!["slug"]!.GetValue<string>(), one["specialization"]!["slug"]!.GetValue<string>());
        Assert.Equal("Northfield University", one["partner"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("partners")]
    [InlineData("specializations")]
    public async Task Partners_and_specializations_page_in_slug_order_after_a_cursor(string list)
    {
        var all = (await catalog.GraphQL.PostAsync($"{{ {list}(first: 100) {{ nodes {{ slug }} }} }}")).Ok()[list]!["nodes"]!.AsArray()
            .Select(n => n!["slug"]!.GetValue<string>()).ToList();
        var first = (await catalog.GraphQL.PostAsync($"{{ {list}(first: 2) {{ nodes {{ slug }} pageInfo {{ endCursor hasNextPage }} }} }}")).Ok()[list]!;
        var next = (await catalog.GraphQL.PostAsync($"query($after: String) {{ {list}(first: 100, after: $after) {{ totalCount nodes {{ slug }} pageInfo {{ hasNextPage hasPreviousPage }} }} }}",
            new { after = first["pageInfo"]!["endCursor"]!.GetValue<string>() })).Ok()[list]!;

        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(all.Take(2), first["nodes"]!.AsArray().Select(n => n!["slug"]!.GetValue<string>()));
        Assert.Equal(all.Skip(2), next["nodes"]!.AsArray().Select(n => n!["slug"]!.GetValue<string>()));
        Assert.Equal(all.Count, next["totalCount"]!.GetValue<int>());
        Assert.False(next["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(next["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
    }
}
