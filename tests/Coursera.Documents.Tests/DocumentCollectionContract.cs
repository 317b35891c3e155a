using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coursera.Documents.Tests;

/// <summary>
/// What every adapter of the document-store port does. Each adapter's subclass runs all of it on a real server;
/// each test works in a collection of its own.
/// </summary>
public abstract class DocumentCollectionContract(IDocumentStoreFixture fixture)
{
    private static readonly DateTime EnrolledAt = new DateTime(2025, 3, 1, 9, 30, 15, 123, DateTimeKind.Utc).AddTicks(4567);

    [ContractFact]
    public async Task A_document_reads_back_as_it_was_put_with_nested_objects_guids_dates_and_enums()
    {
        var enrollments = Collection<Enrollment>();
        var enrollment = Enrollment("e1", "learner-1", "course-1") with
        {
            State = EnrollmentState.Completed,
            BestScore = 0.875,
            Items = new() { ["m1"] = new ItemProgress("done", 1), ["m2"] = new ItemProgress("started", 0.25) },
            Tags = ["évaluation", "a'b\"c"],
        };

        await enrollments.PutAsync("e1", enrollment);
        var read = await enrollments.GetAsync("e1");

        Assert.NotNull(read);
        Assert.Equal(Json(enrollment), Json(read));
        Assert.Equal(enrollment.Token, read.Token);
        Assert.Equal(EnrolledAt, read.EnrolledAt);
        Assert.Equal(DateTimeKind.Utc, read.EnrolledAt.Kind);
        Assert.Equal(EnrollmentState.Completed, read.State);
    }

    [ContractFact]
    public async Task Put_replaces_the_whole_document()
    {
        var documents = Collection<JsonObject>();
        await documents.PutAsync("d1", new JsonObject { ["a"] = 1, ["b"] = new JsonObject { ["c"] = "x" } });

        await documents.PutAsync("d1", new JsonObject { ["a"] = 2 });

        AssertJson("""{"a":2}""", await documents.GetAsync("d1"));
        Assert.Equal(1, await documents.CountAsync(DocumentFilter.All));
    }

    [ContractFact]
    public async Task Getting_a_missing_id_gives_null()
    {
        var enrollments = Collection<Enrollment>();
        await enrollments.PutAsync("e1", Enrollment("e1", "learner-1", "course-1"));

        Assert.Null(await enrollments.GetAsync("e2"));
    }

    [ContractFact]
    public async Task Eq_finds_by_a_top_level_field()
    {
        var enrollments = await SeededAsync();

        var found = await enrollments.FindAsync(DocumentFilter.Eq("learnerId", "learner-1"));

        Assert.Equal(["course-1", "course-2"], found.Select(e => e.CourseId));
    }

    [ContractFact]
    public async Task Eq_finds_by_a_nested_path()
    {
        var enrollments = await SeededAsync();

        var found = await enrollments.FindAsync(DocumentFilter.Eq("items.m1.state", "done"));

        Assert.Equal(["course-1", "course-3"], found.Select(e => e.CourseId));
    }

    [ContractFact]
    public async Task Eq_compares_guids_dates_enums_and_numbers_in_their_json_form()
    {
        var enrollments = Collection<Enrollment>();
        var token = Guid.NewGuid();
        await enrollments.PutAsync("e1", Enrollment("e1", "learner-1", "course-1") with { Token = token, State = EnrollmentState.Withdrawn, Attempts = 3 });
        await enrollments.PutAsync("e2", Enrollment("e2", "learner-2", "course-1") with { EnrolledAt = EnrolledAt.AddDays(1) });

        Assert.Single(await enrollments.FindAsync(DocumentFilter.Eq("token", token)));
        Assert.Single(await enrollments.FindAsync(DocumentFilter.Eq("enrolledAt", EnrolledAt)));
        Assert.Single(await enrollments.FindAsync(DocumentFilter.Eq("state", EnrollmentState.Withdrawn)));
        Assert.Single(await enrollments.FindAsync(DocumentFilter.Eq("attempts", 3)));
        Assert.Single(await enrollments.FindAsync(DocumentFilter.Eq("attempts", 3.0)));
        Assert.Empty(await enrollments.FindAsync(DocumentFilter.Eq("attempts", "3")));
    }

    [ContractFact]
    public async Task Eq_with_an_object_matches_that_whole_object_only()
    {
        var enrollments = await SeededAsync();

        var found = await enrollments.FindAsync(DocumentFilter.Eq("items.m1", new ItemProgress("done", 1)));

        Assert.Equal(["course-1"], found.Select(e => e.CourseId));
    }

    [ContractFact]
    public async Task In_finds_documents_whose_field_is_one_of_the_values()
    {
        var enrollments = await SeededAsync();

        var found = await enrollments.FindAsync(DocumentFilter.In("courseId", ["course-1", "course-3", "course-9"]));
        var byNumber = await enrollments.FindAsync(DocumentFilter.In("attempts", [0, 2]));

        Assert.Equal(["course-1", "course-3"], found.Select(e => e.CourseId));
        Assert.Equal(["course-1", "course-3"], byNumber.Select(e => e.CourseId));
        Assert.Empty(await enrollments.FindAsync(DocumentFilter.In("courseId", [])));
    }

    [ContractFact]
    public async Task And_needs_every_condition_and_an_empty_and_is_every_document()
    {
        var enrollments = await SeededAsync();

        var found = await enrollments.FindAsync(DocumentFilter.Eq("learnerId", "learner-1").And(DocumentFilter.In("items.m1.state", ["done", "skipped"])));

        Assert.Equal(["course-1"], found.Select(e => e.CourseId));
        Assert.Equal(3, (await enrollments.FindAsync(DocumentFilter.All)).Count);
        Assert.Equal(3, (await enrollments.FindAsync(DocumentFilter.And())).Count);
        Assert.Empty(await enrollments.FindAsync(DocumentFilter.And(DocumentFilter.Eq("learnerId", "learner-1"), DocumentFilter.Eq("learnerId", "learner-2"))));
    }

    [ContractFact]
    public async Task Eq_null_matches_a_null_or_missing_field_and_in_with_null_does_too()
    {
        var documents = Collection<JsonObject>();
        await documents.PutAsync("null", new JsonObject { ["id"] = "null", ["a"] = null, ["n"] = new JsonObject { ["b"] = null } });
        await documents.PutAsync("missing", new JsonObject { ["id"] = "missing", ["n"] = new JsonObject() });
        await documents.PutAsync("set", new JsonObject { ["id"] = "set", ["a"] = "x", ["n"] = new JsonObject { ["b"] = 1 } });

        Assert.Equal(["missing", "null"], Ids(await documents.FindAsync(DocumentFilter.Eq("a", null))));
        Assert.Equal(["missing", "null"], Ids(await documents.FindAsync(DocumentFilter.Eq("n.b", null))));
        Assert.Equal(["missing", "null", "set"], Ids(await documents.FindAsync(DocumentFilter.Eq("n.b.c", null))));
        Assert.Equal(["missing", "null", "set"], Ids(await documents.FindAsync(DocumentFilter.In("a", [null, "x"]))));
    }

    [ContractFact]
    public async Task Find_orders_by_id_in_code_point_order_and_stops_at_the_limit()
    {
        var documents = Collection<JsonObject>();
        foreach (var id in new[] { "b", "a10", "B", "c", "a" })
        {
            await documents.PutAsync(id, new JsonObject { ["id"] = id });
        }

        Assert.Equal(["B", "a", "a10", "b", "c"], Ids(await documents.FindAsync(DocumentFilter.All)));
        Assert.Equal(["B", "a"], Ids(await documents.FindAsync(DocumentFilter.All, limit: 2)));
        Assert.Empty(await documents.FindAsync(DocumentFilter.All, limit: 0));
    }

    [ContractFact]
    public async Task Count_counts_the_matches()
    {
        var enrollments = await SeededAsync();

        Assert.Equal(3, await enrollments.CountAsync(DocumentFilter.All));
        Assert.Equal(2, await enrollments.CountAsync(DocumentFilter.Eq("learnerId", "learner-1")));
        Assert.Equal(0, await enrollments.CountAsync(DocumentFilter.Eq("learnerId", "nobody")));
    }

    [ContractFact]
    public async Task Field_names_with_quotes_and_braces_are_data()
    {
        var documents = Collection<JsonObject>();
        await documents.PutAsync("d1", new JsonObject { ["it's {a}"] = new JsonObject { ["\"b\\"] = "x'); DROP TABLE y; --" } });

        var found = await documents.FindAsync(DocumentFilter.Eq("it's {a}.\"b\\", "x'); DROP TABLE y; --"));
        var updated = await documents.UpdateAsync("d1", DocumentUpdate.Empty.Set("it's {a}.c}'", 1));

        Assert.Single(found);
        Assert.Equal(1, (int)updated!["it's {a}"]!["c}'"]!);
    }

    [ContractFact]
    public async Task Set_changes_a_field_and_creates_the_objects_on_its_path()
    {
        var enrollments = Collection<Enrollment>();
        await enrollments.PutAsync("e1", Enrollment("e1", "learner-1", "course-1"));

        var updated = await enrollments.UpdateAsync("e1", DocumentUpdate.Empty
            .Set("items.m9.state", "started")
            .Set("items.m9.score", 0.5)
            .Set("state", EnrollmentState.Completed));

        Assert.Equal(new ItemProgress("started", 0.5), updated!.Items["m9"]);
        Assert.Equal(EnrollmentState.Completed, updated.State);
        Assert.Equal(Json(updated), Json(await enrollments.GetAsync("e1")));
    }

    [ContractFact]
    public async Task Max_raises_a_number_only_and_sets_a_missing_one()
    {
        var documents = Collection<JsonObject>();
        await documents.PutAsync("d1", new JsonObject { ["best"] = 0.5 });

        Assert.Equal(0.75, (double)(await documents.UpdateAsync("d1", DocumentUpdate.Empty.Max("best", 0.75)))!["best"]!);
        Assert.Equal(0.75, (double)(await documents.UpdateAsync("d1", DocumentUpdate.Empty.Max("best", 0.25)))!["best"]!);
        Assert.Equal(3, (double)(await documents.UpdateAsync("d1", DocumentUpdate.Empty.Max("scores.quiz", 3)))!["scores"]!["quiz"]!);
    }

    [ContractFact]
    public async Task Inc_adds_and_counts_a_missing_field_as_zero()
    {
        var enrollments = Collection<Enrollment>();
        await enrollments.PutAsync("e1", Enrollment("e1", "learner-1", "course-1") with { Attempts = 2 });
        var documents = Collection<JsonObject>();
        await documents.PutAsync("d1", new JsonObject { ["total"] = 1.25 });

        var counted = await enrollments.UpdateAsync("e1", DocumentUpdate.Empty.Inc("attempts", 1));
        var summed = await documents.UpdateAsync("d1", DocumentUpdate.Empty.Inc("total", 0.5).Inc("visits.week1", 1).Inc("debt", -3));

        Assert.Equal(3, counted!.Attempts);
        Assert.Equal(1.75, (double)summed!["total"]!);
        Assert.Equal(1, (int)summed["visits"]!["week1"]!);
        Assert.Equal(-3, (int)summed["debt"]!);
    }

    [ContractFact]
    public async Task Unset_removes_a_field_and_ignores_a_missing_one()
    {
        var documents = Collection<JsonObject>();
        await documents.PutAsync("d1", new JsonObject { ["a"] = 1, ["n"] = new JsonObject { ["b"] = 2, ["c"] = 3 } });

        var updated = await documents.UpdateAsync("d1", DocumentUpdate.Empty.Unset("a").Unset("n.b").Unset("missing").Unset("n.c.deeper"));

        AssertJson("""{"n":{"c":3}}""", updated);
    }

    [ContractFact]
    public async Task One_update_applies_all_its_operations()
    {
        var enrollments = Collection<Enrollment>();
        await enrollments.PutAsync("e1", Enrollment("e1", "learner-1", "course-1") with { BestScore = 0.5, Tags = ["x"] });

        var updated = await enrollments.UpdateAsync("e1", DocumentUpdate.Empty
            .Set("items.m1", new ItemProgress("done", 0.9))
            .Max("bestScore", 0.9)
            .Inc("attempts", 1)
            .Unset("tags"));

        Assert.Equal(new ItemProgress("done", 0.9), updated!.Items["m1"]);
        Assert.Equal(0.9, updated.BestScore);
        Assert.Equal(1, updated.Attempts);
        Assert.Empty(updated.Tags);
    }

    [ContractFact]
    public async Task Upsert_creates_a_missing_document_from_the_update()
    {
        var documents = Collection<JsonObject>();

        var created = await documents.UpdateAsync("d1", DocumentUpdate.Empty.Set("learnerId", "learner-1").Inc("visits", 1), upsert: true);
        var empty = await documents.UpdateAsync("d2", DocumentUpdate.Empty, upsert: true);

        AssertJson("""{"learnerId":"learner-1","visits":1}""", created);
        AssertJson("""{"learnerId":"learner-1","visits":1}""", await documents.GetAsync("d1"));
        AssertJson("{}", empty);
        Assert.Equal(2, await documents.CountAsync(DocumentFilter.All));
    }

    [ContractFact]
    public async Task Updating_a_missing_document_without_upsert_gives_null_and_creates_nothing()
    {
        var documents = Collection<JsonObject>();

        Assert.Null(await documents.UpdateAsync("d1", DocumentUpdate.Empty.Set("a", 1)));
        Assert.Null(await documents.UpdateAsync("d1", DocumentUpdate.Empty));
        Assert.Null(await documents.GetAsync("d1"));
        Assert.Equal(0, await documents.CountAsync(DocumentFilter.All));
    }

    [ContractFact]
    public async Task An_update_that_cannot_apply_fails_and_changes_nothing()
    {
        var documents = Collection<JsonObject>();
        await documents.PutAsync("d1", new JsonObject { ["a"] = 5, ["name"] = "x" });

        await Assert.ThrowsAnyAsync<Exception>(() => documents.UpdateAsync("d1", DocumentUpdate.Empty.Set("b", 1).Set("a.c", 1)));
        await Assert.ThrowsAnyAsync<Exception>(() => documents.UpdateAsync("d1", DocumentUpdate.Empty.Inc("name", 1)));

        AssertJson("""{"a":5,"name":"x"}""", await documents.GetAsync("d1"));
    }

    [ContractFact]
    public async Task Concurrent_increments_of_one_document_are_all_counted()
    {
        var documents = Collection<JsonObject>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            documents.UpdateAsync("counter", DocumentUpdate.Empty.Inc("count", 1), upsert: true))));

        Assert.Equal(20, (int)(await documents.GetAsync("counter"))!["count"]!);
    }

    [ContractFact]
    public async Task UpdateMany_changes_every_match_and_counts_them()
    {
        var enrollments = await SeededAsync();

        var matched = await enrollments.UpdateManyAsync(DocumentFilter.Eq("learnerId", "learner-1"),
            DocumentUpdate.Empty.Set("state", EnrollmentState.Withdrawn).Inc("attempts", 1));

        Assert.Equal(2, matched);
        var all = await enrollments.FindAsync(DocumentFilter.All);
        Assert.Equal([EnrollmentState.Withdrawn, EnrollmentState.Withdrawn, EnrollmentState.Active], all.Select(e => e.State));
        Assert.Equal([1, 2, 2], all.Select(e => e.Attempts));
        Assert.Equal(0, await enrollments.UpdateManyAsync(DocumentFilter.Eq("learnerId", "nobody"), DocumentUpdate.Empty.Inc("attempts", 1)));
    }

    [ContractFact]
    public async Task DeleteMany_deletes_the_matches_counts_them_and_leaves_the_rest()
    {
        var enrollments = await SeededAsync();

        var deleted = await enrollments.DeleteManyAsync(DocumentFilter.Eq("learnerId", "learner-1"));

        Assert.Equal(2, deleted);
        Assert.Equal(["course-3"], (await enrollments.FindAsync(DocumentFilter.All)).Select(e => e.CourseId));
        Assert.Equal(0, await enrollments.DeleteManyAsync(DocumentFilter.Eq("learnerId", "learner-1")));
    }

    [ContractFact]
    public async Task EnsureIndex_can_run_again_and_before_the_first_document()
    {
        var enrollments = Collection<Enrollment>();

        await enrollments.EnsureIndexAsync(["learnerId", "courseId"]);
        await enrollments.EnsureIndexAsync(["learnerId", "courseId"]);
        await enrollments.EnsureIndexAsync(["items.m1.state"]);
        await enrollments.EnsureIndexAsync([]);
        await enrollments.PutAsync("e1", Enrollment("e1", "learner-1", "course-1"));

        Assert.Single(await enrollments.FindAsync(DocumentFilter.Eq("learnerId", "learner-1").And(DocumentFilter.Eq("courseId", "course-1"))));
    }

    [ContractFact]
    public async Task Collections_of_two_owners_are_separate()
    {
        var name = NewName();
        var learner = fixture.Store.Collection<JsonObject>(fixture.Owner("learner"), name);
        var assessment = fixture.Store.Collection<JsonObject>(fixture.Owner("assessment"), name);

        await learner.PutAsync("d1", new JsonObject { ["owner"] = "learner" });
        await assessment.PutAsync("d1", new JsonObject { ["owner"] = "assessment" });
        await assessment.DeleteManyAsync(DocumentFilter.All);

        Assert.Equal(name, learner.Name);
        Assert.Equal("learner", (string)(await learner.GetAsync("d1"))!["owner"]!);
        Assert.Equal(0, await assessment.CountAsync(DocumentFilter.All));
    }

    [ContractFact]
    public async Task Bad_arguments_are_refused()
    {
        var documents = Collection<JsonObject>();

        Assert.Throws<ArgumentException>(() => fixture.Store.Collection<JsonObject>("Learner", "x"));
        Assert.Throws<ArgumentException>(() => fixture.Store.Collection<JsonObject>("learner", "doc\"; DROP SCHEMA learner; --"));
        Assert.Throws<ArgumentException>(() => fixture.Store.Collection<JsonObject>("learner", new string('x', 51)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => documents.GetAsync(""));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => documents.FindAsync(DocumentFilter.All, limit: -1));
    }

    private IDocumentCollection<T> Collection<T>()
        where T : class => fixture.Store.Collection<T>(fixture.Owner("learner"), NewName());

    private static string NewName() => $"c{Guid.NewGuid():N}"[..17];

    /// <summary>e1 (learner-1, course-1), e2 (learner-1, course-2), e3 (learner-2, course-3), put out of id order.</summary>
    private async Task<IDocumentCollection<Enrollment>> SeededAsync()
    {
        var enrollments = Collection<Enrollment>();
        await enrollments.PutAsync("e3", Enrollment("e3", "learner-2", "course-3") with
        {
            Attempts = 2,
            Items = new() { ["m1"] = new ItemProgress("done", 0.5) },
        });
        await enrollments.PutAsync("e1", Enrollment("e1", "learner-1", "course-1") with
        {
            Items = new() { ["m1"] = new ItemProgress("done", 1), ["m2"] = new ItemProgress("started", 0) },
        });
        await enrollments.PutAsync("e2", Enrollment("e2", "learner-1", "course-2") with
        {
            Attempts = 1,
            Items = new() { ["m1"] = new ItemProgress("started", 0) },
        });
        return enrollments;
    }

    private static Enrollment Enrollment(string id, string learnerId, string courseId) => new()
    {
        LearnerId = learnerId,
        CourseId = courseId,
        Token = Guid.CreateVersion7(),
        EnrolledAt = EnrolledAt,
        Tags = [id],
    };

    private static List<string> Ids(IEnumerable<JsonObject> documents) => [.. documents.Select(d => (string?)d["id"] ?? "")];

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, DocumentValue.Json);

    /// <summary>Equal as JSON, whatever the order of the properties: <c>jsonb</c> keeps its own order.</summary>
    private static void AssertJson(string expected, JsonObject? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected {expected}, got {actual?.ToJsonString() ?? "null"}.");
}
