using System.Text.Json;
using Coursera.Testing;
using StackExchange.Redis;

namespace Coursera.Catalog.Tests;

/// <summary>The catalog's events reach the event stream through its outbox: published, updated (when public), archived.</summary>
public sealed class CourseEventTests(CatalogApp catalog) : IClassFixture<CatalogApp>
{
    [Fact]
    public async Task Publishing_updating_and_archiving_a_course_each_publish_one_event_and_a_draft_change_none()
    {
        var partnerId = Identity.Data.SampleTenants.Partners[2].Id.ToString();
        var created = (await catalog.GraphQL.PostAsync(
            "mutation($input: CreateCourseInput!) { createCourse(input: $input) { course { id } errors { code } } }",
            new { input = new { partnerId, slug = "evented-course", title = "Evented" } })).Ok()["createCourse"]!["course"]!;
        var courseId = created["id"]!.GetValue<string>();
        await MutateAsync("updateCourse(input: {courseId: $id, title: \"Evented draft\"}) { errors { code } }", courseId);
        var moduleId = (await catalog.GraphQL.PostAsync("mutation($id: ID!) { addModule(input: {courseId: $id, title: \"One\"}) { module { id } } }",
            new { id = courseId })).Ok()["addModule"]!["module"]!["id"]!.GetValue<string>();
        (await catalog.GraphQL.PostAsync("mutation($id: ID!) { addItem(input: {moduleId: $id, kind: READING, title: \"Read me\"}) { errors { code } } }",
            new { id = moduleId })).Ok();

        await MutateAsync("publishCourse(input: {courseId: $id}) { errors { code } }", courseId);
        await MutateAsync("updateCourse(input: {courseId: $id, title: \"Evented and public\"}) { errors { code } }", courseId);
        await MutateAsync("archiveCourse(input: {courseId: $id}) { errors { code } }", courseId);

        var events = await EventsAboutAsync(courseId, expected: 3);
        Assert.Equal(["course.published", "course.updated", "course.archived"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e => Assert.Equal("catalog", e.GetProperty("source").GetString()));
        Assert.All(events, e => Assert.Equal(partnerId, e.GetProperty("partnerId").GetString()));
        Assert.Equal("Evented and public", events[1].GetProperty("data").GetProperty("title").GetString());
        Assert.Equal("ARCHIVED", events[2].GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(3, events.Select(e => e.GetProperty("id").GetGuid()).Distinct().Count());
    }

    private async Task MutateAsync(string field, string courseId) =>
        (await catalog.GraphQL.PostAsync($"mutation($id: ID!) {{ {field} }}", new { id = courseId })).Ok();

    /// <summary>The envelopes on the stream about one course, waiting for the relay (it polls) to publish them.</summary>
    private async Task<List<JsonElement>> EventsAboutAsync(string courseId, int expected)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestInfrastructure.Redis);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var entries = await redis.GetDatabase().StreamRangeAsync(catalog.Stream, "-", "+", count: 100_000);
            var about = entries.Select(e => JsonDocument.Parse(e["envelope"].ToString()).RootElement)
                .Where(e => e.GetProperty("subject").GetString() == courseId).ToList();
            if (about.Count >= expected || patience.IsCancellationRequested)
            {
                // Wait a little longer for anything unexpected to show up too.
                await Task.Delay(300, CancellationToken.None);
                return [.. (await redis.GetDatabase().StreamRangeAsync(catalog.Stream, "-", "+", count: 100_000))
                    .Select(e => JsonDocument.Parse(e["envelope"].ToString()).RootElement)
                    .Where(e => e.GetProperty("subject").GetString() == courseId)];
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }
}
