using System.Text.Json.Nodes;
using Coursera.Testing;
using Npgsql;

namespace Coursera.Catalog.Tests;

/// <summary>A partner builds a course from nothing to published, and every refused change stores nothing.</summary>
public sealed class CourseAuthoringTests(CatalogApp catalog) : IClassFixture<CatalogApp>
{
    private const string CreateCourse = """
        mutation($input: CreateCourseInput!) { createCourse(input: $input) {
          course { id slug title status language level skills workloadHours instructors { name } publishedAt }
          errors { code message path } } }
        """;

    private GraphQLHttpClient GraphQL => catalog.GraphQL;

    [Fact]
    public async Task A_course_goes_from_draft_to_published_to_archived()
    {
        var (partnerId, instructorIds) = await PartnerAsync("northfield");
        var course = await CreateAsync(new { partnerId, slug = "graphql-from-scratch", title = "GraphQL from Scratch", level = "INTERMEDIATE",
            skills = new[] { "graphql", "apis" }, workloadHours = 12, instructorIds = instructorIds.Take(2).ToArray(), language = "pt-BR" });
        Assert.Equal("DRAFT", course["status"]!.GetValue<string>());
        Assert.Null(course["publishedAt"]);
        Assert.Equal(2, course["instructors"]!.AsArray().Count);
        var courseId = course["id"]!.GetValue<string>();
        Assert.Null(await PublicCourseAsync("graphql-from-scratch"));

        var refused = await MutateAsync("publishCourse", "PublishCourseInput", new { courseId }, "course { status }");
        Assert.Equal("NO_CONTENT", refused["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Null(refused["course"]);

        var module = await MutateAsync("addModule", "AddModuleInput", new { courseId, title = "Week 1" }, "module { id position }");
        var moduleId = module["module"]!["id"]!.GetValue<string>();
        var item = await MutateAsync("addItem", "AddItemInput",
            new { moduleId, kind = "LECTURE", title = "Why GraphQL", durationMinutes = 9, videoAssetId = "asset-why-graphql" },
            "item { id position kind videoAssetId required }");
        Assert.Empty(item["errors"]!.AsArray());
        Assert.True(item["item"]!["required"]!.GetValue<bool>());

        var published = await MutateAsync("publishCourse", "PublishCourseInput", new { courseId }, "course { status publishedAt }");
        Assert.Empty(published["errors"]!.AsArray());
        Assert.Equal("PUBLISHED", published["course"]!["status"]!.GetValue<string>());
        var visible = await PublicCourseAsync("graphql-from-scratch");
        Assert.NotNull(visible);
        Assert.Equal("Why GraphQL", visible["modules"]![0]!["items"]![0]!["title"]!.GetValue<string>());

        var archived = await MutateAsync("archiveCourse", "ArchiveCourseInput", new { courseId }, "course { status }");
        Assert.Equal("ARCHIVED", archived["course"]!["status"]!.GetValue<string>());
        Assert.Null(await PublicCourseAsync("graphql-from-scratch"));
    }

    [Fact]
    public async Task Invalid_input_comes_back_as_user_errors_and_stores_nothing()
    {
        var (partnerId, _) = await PartnerAsync("lakeside-tech");
        var before = await CountAsync("catalog.courses");
        var response = await GraphQL.PostAsync(CreateCourse, new
        {
            input = new { partnerId, slug = "Not A Slug!", title = "", language = "english", workloadHours = -3, skills = new[] { new string('x', 60) } },
        });
        var payload = response.Ok()["createCourse"]!;
        Assert.Null(payload["course"]);
        var errors = payload["errors"]!.AsArray().Select(e => (Code: e!["code"]!.GetValue<string>(), Path: string.Join('.', e["path"]!.AsArray().Select(p => p!.GetValue<string>())))).ToList();
        Assert.Contains(("INVALID_SLUG", "input.slug"), errors);
        Assert.Contains(("INVALID_TITLE", "input.title"), errors);
        Assert.Contains(("INVALID_LANGUAGE", "input.language"), errors);
        Assert.Contains(("INVALID_WORKLOAD", "input.workloadHours"), errors);
        Assert.Contains(("INVALID_SKILLS", "input.skills"), errors);
        Assert.Equal(before, await CountAsync("catalog.courses"));
    }

    [Fact]
    public async Task A_taken_slug_and_a_foreign_instructor_are_refused()
    {
        var (partnerId, _) = await PartnerAsync("kings-bridge");
        var (_, foreignInstructors) = await PartnerAsync("northfield");
        var before = await CountAsync("catalog.courses");

        var taken = await GraphQL.PostAsync(CreateCourse, new { input = new { partnerId, slug = "machine-learning-foundations-northfield", title = "Copy" } });
        Assert.Equal("SLUG_TAKEN", taken.Ok()["createCourse"]!["errors"]![0]!["code"]!.GetValue<string>());

        var foreign = await GraphQL.PostAsync(CreateCourse, new { input = new { partnerId, slug = "borrowed-teacher", title = "Borrowed", instructorIds = foreignInstructors.Take(1) } });
        Assert.Equal("INVALID_INSTRUCTOR", foreign.Ok()["createCourse"]!["errors"]![0]!["code"]!.GetValue<string>());

        var unknownPartner = await GraphQL.PostAsync(CreateCourse, new { input = new { partnerId = Guid.CreateVersion7(), slug = "nobody-s-course", title = "Nobody" } });
        var error = unknownPartner.Ok()["createCourse"]!["errors"]![0]!;
        Assert.Equal("NOT_FOUND", error["code"]!.GetValue<string>());
        Assert.Equal("input.partnerId", string.Join('.', error["path"]!.AsArray().Select(p => p!.GetValue<string>())));
        Assert.Equal(before, await CountAsync("catalog.courses"));
    }

    [Fact]
    public async Task A_malformed_id_is_a_graphql_error_not_a_user_error()
    {
        var response = await GraphQL.PostAsync(CreateCourse, new { input = new { partnerId = "not-a-uuid", slug = "whatever-course", title = "Whatever" } });
        Assert.Equal("BAD_USER_INPUT", response.ErrorCode());
    }

    [Fact]
    public async Task Modules_and_items_can_be_reordered_moved_and_removed_with_dense_positions()
    {
        var (partnerId, _) = await PartnerAsync("universidad-del-sol");
        var courseId = (await CreateAsync(new { partnerId, slug = "ordering-things", title = "Ordering Things" }))["id"]!.GetValue<string>();
        var modules = new List<string>();
        foreach (var title in new[] { "A", "B", "C" })
        {
            modules.Add((await MutateAsync("addModule", "AddModuleInput", new { courseId, title }, "module { id }"))["module"]!["id"]!.GetValue<string>());
        }

        var inserted = await MutateAsync("addModule", "AddModuleInput", new { courseId, title = "Intro", position = 0 }, "module { position }");
        Assert.Equal(0, inserted["module"]!["position"]!.GetValue<int>());
        await MutateAsync("moveModule", "MoveModuleInput", new { moduleId = modules[2], position = 1 }, "module { position }");
        Assert.Equal(["Intro", "C", "A", "B"], await ModuleTitlesAsync(courseId));

        var items = new List<string>();
        foreach (var title in new[] { "one", "two", "three" })
        {
            items.Add((await MutateAsync("addItem", "AddItemInput", new { moduleId = modules[0], kind = "READING", title }, "item { id }"))["item"]!["id"]!.GetValue<string>());
        }

        await MutateAsync("moveItem", "MoveItemInput", new { itemId = items[2], position = 0 }, "item { position }");
        var moved = await MutateAsync("moveItem", "MoveItemInput", new { itemId = items[1], position = 0, moduleId = modules[1] }, "item { position moduleId }");
        Assert.Equal(modules[1], moved["item"]!["moduleId"]!.GetValue<string>());
        var removed = await MutateAsync("removeItem", "RemoveItemInput", new { itemId = items[0] }, "module { items { title position } }");
        Assert.Equal(["three"], removed["module"]!["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()));
        Assert.Equal([0], removed["module"]!["items"]!.AsArray().Select(i => i!["position"]!.GetValue<int>()));

        var afterRemoval = await MutateAsync("removeModule", "RemoveModuleInput", new { moduleId = modules[2] }, "course { modules { title position } }");
        Assert.Equal(["Intro", "A", "B"], afterRemoval["course"]!["modules"]!.AsArray().Select(m => m!["title"]!.GetValue<string>()));
        Assert.Equal([0, 1, 2], afterRemoval["course"]!["modules"]!.AsArray().Select(m => m!["position"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_published_course_keeps_its_last_item()
    {
        var (partnerId, _) = await PartnerAsync("northfield");
        var courseId = (await CreateAsync(new { partnerId, slug = "one-item-course", title = "One Item" }))["id"]!.GetValue<string>();
        var moduleId = (await MutateAsync("addModule", "AddModuleInput", new { courseId, title = "Only" }, "module { id }"))["module"]!["id"]!.GetValue<string>();
        var itemId = (await MutateAsync("addItem", "AddItemInput", new { moduleId, kind = "QUIZ", title = "Only quiz" }, "item { id }"))["item"]!["id"]!.GetValue<string>();
        await MutateAsync("publishCourse", "PublishCourseInput", new { courseId }, "course { status }");

        var refused = await MutateAsync("removeItem", "RemoveItemInput", new { itemId }, "module { id }");
        Assert.Equal("LAST_CONTENT", refused["errors"]![0]!["code"]!.GetValue<string>());
        var refusedModule = await MutateAsync("removeModule", "RemoveModuleInput", new { moduleId }, "course { id }");
        Assert.Equal("LAST_CONTENT", refusedModule["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Single((await PublicCourseAsync("one-item-course"))!["modules"]![0]!["items"]!.AsArray());
    }

    [Fact]
    public async Task Only_lectures_play_video()
    {
        var (partnerId, _) = await PartnerAsync("northfield");
        var courseId = (await CreateAsync(new { partnerId, slug = "video-rules", title = "Video Rules" }))["id"]!.GetValue<string>();
        var moduleId = (await MutateAsync("addModule", "AddModuleInput", new { courseId, title = "M" }, "module { id }"))["module"]!["id"]!.GetValue<string>();
        var refused = await MutateAsync("addItem", "AddItemInput", new { moduleId, kind = "READING", title = "Text", videoAssetId = "asset-1" }, "item { id }");
        Assert.Equal("VIDEO_NOT_ALLOWED", refused["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_assessments_can_be_graded_and_items_are_practice_unless_said()
    {
        var (partnerId, _) = await PartnerAsync("northfield");
        var courseId = (await CreateAsync(new { partnerId, slug = "grading-rules", title = "Grading Rules" }))["id"]!.GetValue<string>();
        var moduleId = (await MutateAsync("addModule", "AddModuleInput", new { courseId, title = "M" }, "module { id }"))["module"]!["id"]!.GetValue<string>();
        var refused = await MutateAsync("addItem", "AddItemInput", new { moduleId, kind = "LECTURE", title = "Talk", graded = true }, "item { id }");
        Assert.Equal("GRADING_NOT_ALLOWED", refused["errors"]![0]!["code"]!.GetValue<string>());

        static bool Graded(JsonNode payload) => payload["item"]!["graded"]!.GetValue<bool>();
        Assert.True(Graded(await MutateAsync("addItem", "AddItemInput", new { moduleId, kind = "ASSIGNMENT", title = "Essay", graded = true }, "item { graded }")));
        Assert.False(Graded(await MutateAsync("addItem", "AddItemInput", new { moduleId, kind = "QUIZ", title = "Practice" }, "item { graded }")));
        var notes = await MutateAsync("addItem", "AddItemInput", new { moduleId, kind = "READING", title = "Notes" }, "item { id graded }");
        Assert.False(Graded(notes));

        // Later, a practice quiz becomes graded; only the fields given change, and a reading still cannot be graded.
        var quizId = (await MutateAsync("addItem", "AddItemInput", new { moduleId, kind = "QUIZ", title = "Week quiz", durationMinutes = 30 }, "item { id }"))["item"]!["id"]!.GetValue<string>();
        var updated = (await MutateAsync("updateItem", "UpdateItemInput", new { itemId = quizId, graded = true }, "item { title durationMinutes graded }"))["item"]!;
        Assert.True(updated["graded"]!.GetValue<bool>());
        Assert.Equal("Week quiz", updated["title"]!.GetValue<string>());
        Assert.Equal(30, updated["durationMinutes"]!.GetValue<int>());
        var refusedUpdate = await MutateAsync("updateItem", "UpdateItemInput", new { itemId = notes["item"]!["id"]!.GetValue<string>(), graded = true, title = "Renamed" }, "item { id }");
        Assert.Equal("GRADING_NOT_ALLOWED", refusedUpdate["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(0L, await CountAsync("catalog.items WHERE title = 'Renamed'"));
    }

    [Fact]
    public async Task Prerequisites_are_other_visible_courses_and_never_a_circle()
    {
        var (partnerId, _) = await PartnerAsync("lakeside-tech");
        var first = (await CreateAsync(new { partnerId, slug = "circle-first", title = "First" }))["id"]!.GetValue<string>();
        var second = (await CreateAsync(new { partnerId, slug = "circle-second", title = "Second", prerequisiteIds = new[] { first } }))["id"]!.GetValue<string>();
        var third = (await CreateAsync(new { partnerId, slug = "circle-third", title = "Third", prerequisiteIds = new[] { second } }))["id"]!.GetValue<string>();

        async Task<string> RefusalAsync(object prerequisiteIds) =>
            (await MutateAsync("updateCourse", "UpdateCourseInput", new { courseId = first, prerequisiteIds }, "course { id }"))["errors"]![0]!["code"]!.GetValue<string>();
        Assert.Equal("PREREQUISITE_CYCLE", await RefusalAsync(new[] { third }));
        Assert.Equal("INVALID_PREREQUISITES", await RefusalAsync(new[] { first }));
        Assert.Equal("INVALID_PREREQUISITES", await RefusalAsync(new[] { second, second }));
        Assert.Equal("INVALID_PREREQUISITES", await RefusalAsync(new[] { Guid.CreateVersion7().ToString() }));

        // Another partner's draft is not visible to this one, so it cannot be named; a refusal changed nothing.
        var (otherPartnerId, _) = await PartnerAsync("northfield");
        var foreignDraft = (await CreateAsync(new { partnerId = otherPartnerId, slug = "foreign-draft", title = "Draft" }))["id"]!.GetValue<string>();
        Assert.Equal("INVALID_PREREQUISITES", await RefusalAsync(new[] { foreignDraft }));
        Assert.Equal(0L, await CountAsync($"catalog.courses WHERE id = '{first}' AND cardinality(prerequisite_ids) > 0"));

        var published = (await GraphQL.PostAsync("{ courses(first: 1, filter: {partnerSlug: \"northfield\"}) { nodes { id title } } }")).Ok()["courses"]!["nodes"]![0]!;
        var updated = await MutateAsync("updateCourse", "UpdateCourseInput", new { courseId = first, prerequisiteIds = new[] { published["id"]!.GetValue<string>() } },
            "course { prerequisites { title } }");
        Assert.Equal([published["title"]!.GetValue<string>()], updated["course"]!["prerequisites"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Updating_a_course_changes_only_the_fields_given()
    {
        var (partnerId, instructorIds) = await PartnerAsync("lakeside-tech");
        var course = await CreateAsync(new { partnerId, slug = "update-me", title = "Before", skills = new[] { "a" }, workloadHours = 5 });
        var updated = await MutateAsync("updateCourse", "UpdateCourseInput",
            new { courseId = course["id"]!.GetValue<string>(), title = "After", instructorIds = instructorIds.Take(1) },
            "course { title skills workloadHours instructors { id } }");
        Assert.Equal("After", updated["course"]!["title"]!.GetValue<string>());
        Assert.Equal(5, updated["course"]!["workloadHours"]!.GetValue<int>());
        Assert.Equal(["a"], updated["course"]!["skills"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(instructorIds[0], updated["course"]!["instructors"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Specializations_list_the_partners_courses_in_order()
    {
        var (partnerId, _) = await PartnerAsync("kings-bridge");
        var owned = (await GraphQL.PostAsync("{ courses(first: 3, filter: {partnerSlug: \"kings-bridge\"}) { nodes { id } } }"))
            .Ok()["courses"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).Reverse().ToArray();
        var created = await MutateAsync("createSpecialization", "CreateSpecializationInput",
            new { partnerId, slug = "kings-path", title = "King's Path", courseIds = owned }, "specialization { slug courses { id } }");
        Assert.Equal(owned, created["specialization"]!["courses"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));

        var foreign = (await GraphQL.PostAsync("{ courses(first: 1, filter: {partnerSlug: \"northfield\"}) { nodes { id } } }")).Ok()["courses"]!["nodes"]![0]!["id"]!.GetValue<string>();
        var refused = await MutateAsync("createSpecialization", "CreateSpecializationInput",
            new { partnerId, slug = "mixed-path", title = "Mixed", courseIds = new[] { owned[0], foreign } }, "specialization { slug }");
        Assert.Equal("INVALID_COURSES", refused["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sessions_need_consistent_dates()
    {
        var courseId = (await GraphQL.PostAsync("{ courses(first: 1) { nodes { id } } }")).Ok()["courses"]!["nodes"]![0]!["id"]!.GetValue<string>();
        var start = new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var refused = await MutateAsync("createCourseSession", "CreateCourseSessionInput",
            new { courseId, startsAt = start, endsAt = start.AddDays(-1), enrollmentOpensAt = start.AddDays(-10), enrollmentClosesAt = start.AddDays(3) },
            "courseSession { id }");
        Assert.Equal("INVALID_DATES", refused["errors"]![0]!["code"]!.GetValue<string>());

        var created = await MutateAsync("createCourseSession", "CreateCourseSessionInput",
            new { courseId, startsAt = start, endsAt = start.AddDays(42), enrollmentOpensAt = start.AddDays(-10), enrollmentClosesAt = start.AddDays(7) },
            "courseSession { id courseId startsAt }");
        Assert.Equal(courseId, created["courseSession"]!["courseId"]!.GetValue<string>());
        Assert.Equal(start, created["courseSession"]!["startsAt"]!.GetValue<DateTime>().ToUniversalTime());
    }

    private async Task<(string PartnerId, string[] InstructorIds)> PartnerAsync(string slug)
    {
        var partner = (await GraphQL.PostAsync("query($slug: String!) { partner(slug: $slug) { id instructors { id } } }", new { slug })).Ok()["partner"]!;
        return (partner["id"]!.GetValue<string>(), [.. partner["instructors"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())]);
    }

    private async Task<JsonNode> CreateAsync(object input)
    {
        var payload = (await GraphQL.PostAsync(CreateCourse, new { input })).Ok()["createCourse"]!;
        Assert.Empty(payload["errors"]!.AsArray());
        return payload["course"]!;
    }

    private async Task<JsonNode> MutateAsync(string field, string inputType, object input, string selection)
    {
        var response = await GraphQL.PostAsync(
            $"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {selection} errors {{ code message path }} }} }}", new { input });
        return response.Ok()[field]!;
    }

    private async Task<JsonNode?> PublicCourseAsync(string slug) =>
        (await catalog.Anonymous.PostAsync("query($slug: String!) { courseBySlug(slug: $slug) { id modules { items { title } } } }", new { slug })).Ok()["courseBySlug"];

    private async Task<List<string>> ModuleTitlesAsync(string courseId)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT title FROM catalog.modules WHERE course_id = $1 ORDER BY position", connection)
        {
            Parameters = { new() { Value = Guid.Parse(courseId) } },
        };
        var titles = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            titles.Add(reader.GetString(0));
        }

        return titles;
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>Who may change which partner's courses, and who sees drafts; decided by the catalog from the caller's token.</summary>
public sealed class CatalogWriteAccessTests(CatalogApp catalog) : IClassFixture<CatalogApp>
{
    private const string CreateCourse = "mutation($input: CreateCourseInput!) { createCourse(input: $input) { course { id slug status } errors { code } } }";

    [Fact]
    public async Task An_anonymous_caller_is_told_to_authenticate_and_nothing_is_stored()
    {
        var response = await catalog.Anonymous.PostAsync(CreateCourse, new { input = new { partnerId = Northfield, slug = "sneaky-course", title = "Sneaky" } });

        Assert.Equal("UNAUTHENTICATED", response.ErrorCode());
        Assert.Null(response.Data?["createCourse"]);
        Assert.Null((await catalog.GraphQL.PostAsync("{ courseBySlug(slug: \"sneaky-course\") { id } }")).Ok()["courseBySlug"]);
    }

    [Fact]
    public async Task A_partner_api_client_writes_its_own_catalog_and_sees_its_drafts_which_others_do_not()
    {
        var northfield = await catalog.ClientAsAsync(await catalog.ApiClientTokenAsync("northfield"));
        var created = (await northfield.PostAsync(CreateCourse, new { input = new { partnerId = Northfield, slug = "client-made-course", title = "Client made" } }))
            .Ok()["createCourse"]!["course"]!;
        Assert.Equal("DRAFT", created["status"]!.GetValue<string>());

        const string Draft = "{ courseBySlug(slug: \"client-made-course\") { slug status } }";
        Assert.Equal("DRAFT", (await northfield.PostAsync(Draft)).Ok()["courseBySlug"]!["status"]!.GetValue<string>());
        Assert.Null((await catalog.Anonymous.PostAsync(Draft)).Ok()["courseBySlug"]);
        var lakeside = await catalog.ClientAsAsync(await catalog.ApiClientTokenAsync("lakeside-tech"));
        Assert.Null((await lakeside.PostAsync(Draft)).Ok()["courseBySlug"]);
        Assert.Null((await lakeside.PostAsync($"{{ course(id: \"{created["id"]}\") {{ id }} }}")).Ok()["course"]);
    }

    [Fact]
    public async Task Another_partners_client_and_a_client_without_catalog_write_are_forbidden()
    {
        var lakeside = await catalog.ClientAsAsync(await catalog.ApiClientTokenAsync("lakeside-tech"));
        Assert.Equal("FORBIDDEN", (await lakeside.PostAsync(CreateCourse,
            new { input = new { partnerId = Northfield, slug = "not-yours-course", title = "Not yours" } })).ErrorCode());

        var readOnly = await catalog.ClientAsAsync(await catalog.ApiClientTokenAsync("northfield", "catalog:read"));
        Assert.Equal("FORBIDDEN", (await readOnly.PostAsync(CreateCourse,
            new { input = new { partnerId = Northfield, slug = "read-only-course", title = "Read only" } })).ErrorCode());
    }

    [Fact]
    public async Task Staff_write_their_own_partners_courses_only_with_a_token_that_carries_catalog_write()
    {
        var instructor = await catalog.ClientAsAsync(await catalog.UserTokenAsync("instructor@northfield.example"));
        Assert.NotNull((await instructor.PostAsync(CreateCourse,
            new { input = new { partnerId = Northfield, slug = "instructor-course", title = "By an instructor" } })).Ok()["createCourse"]!["course"]);
        Assert.Equal("FORBIDDEN", (await instructor.PostAsync(CreateCourse,
            new { input = new { partnerId = LakesideTech, slug = "elsewhere-course", title = "Elsewhere" } })).ErrorCode());

        // The same instructor signed in to the learner app, whose token has no catalog:write.
        var throughLearnerApp = await catalog.ClientAsAsync(await catalog.UserTokenAsync("instructor@northfield.example", "openid catalog:read",
            Identity.Data.SampleTenants.LearnerAppClientId));
        Assert.Equal("FORBIDDEN", (await throughLearnerApp.PostAsync(CreateCourse,
            new { input = new { partnerId = Northfield, slug = "learner-app-course", title = "Via learner app" } })).ErrorCode());

        var learner = await catalog.ClientAsAsync(await catalog.UserTokenAsync("learner@acme.example", "openid catalog:read",
            Identity.Data.SampleTenants.LearnerAppClientId));
        Assert.Equal("FORBIDDEN", (await learner.PostAsync(CreateCourse,
            new { input = new { partnerId = Northfield, slug = "learner-course", title = "By a learner" } })).ErrorCode());
    }

    [Fact]
    public async Task A_forged_or_garbled_token_is_refused_with_401_before_any_resolver_runs()
    {
        var forged = await catalog.ClientAsAsync("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        var response = await forged.PostAsync("{ __typename }");
        Assert.Equal(401, response.StatusCode);
    }

    private static string Northfield => Identity.Data.SampleTenants.Partners[0].Id.ToString();

    private static string LakesideTech => Identity.Data.SampleTenants.Partners[1].Id.ToString();
}
