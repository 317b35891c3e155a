using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Coursera.Platform.Tests.Rest;

/// <summary>What every REST v1 endpoint shares: paging, ETags, problem details for each way a request can go wrong.</summary>
public sealed class RestConventionsTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private readonly RestCallers _callers = new(platform);

    [Fact]
    public async Task A_list_pages_to_its_end_by_link_and_cursor_with_nothing_twice()
    {
        var anonymous = _callers.Anonymous();
        var total = (await platform.Gateway().PostAsync("{ courses { totalCount } }")).Ok()["courses"]!["totalCount"]!.GetValue<int>();
        var seen = new List<string>();
        var url = "/v1/courses?limit=7&orderBy=title";
        var pages = 0;
        while (url is not null)
        {
            var response = await anonymous.GetAsync(url);
            var page = await response.JsonAsync(HttpStatusCode.OK);
            seen.AddRange(page["data"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
            var next = page["next"]?.GetValue<string>();
            if (next is null)
            {
                Assert.Null(page["nextCursor"]?.GetValue<string>());
                Assert.False(response.Headers.Contains("Link"));
            }
            else
            {
                Assert.Equal($"<{next}>; rel=\"next\"", response.Headers.GetValues("Link").Single());
                Assert.Contains("cursor=" + Uri.EscapeDataString(page["nextCursor"]!.GetValue<string>()), next, StringComparison.Ordinal);
                Assert.Contains("orderBy=title", next, StringComparison.Ordinal);
            }

            url = next;
            pages++;
        }

        Assert.True(total > 7, "The sample catalog should fill more than one page.");
        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
        Assert.Equal((total + 6) / 7, pages);
    }

    [Fact]
    public async Task A_read_answers_304_to_its_etag_until_the_resource_changes()
    {
        var lms = await _callers.OrganizationClientAsync();
        var created = await (await lms.PostJsonAsync("/v1/webhook-endpoints", new { url = "https://lms.example/hooks", description = "first" }))
            .JsonAsync(HttpStatusCode.Created);
        var path = $"/v1/webhook-endpoints/{created["endpoint"]!["id"]}";

        var first = await lms.GetAsync(path);
        await first.JsonAsync(HttpStatusCode.OK);
        var etag = first.Headers.ETag!;
        Assert.Contains("private", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await lms.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        await (await lms.PatchAsJsonAsync(path, new { description = "second" })).JsonAsync(HttpStatusCode.OK);
        using var afterChange = new HttpRequestMessage(HttpMethod.Get, path);
        afterChange.Headers.IfNoneMatch.Add(etag);
        var changed = await lms.SendAsync(afterChange);
        Assert.Equal("second", (await changed.JsonAsync(HttpStatusCode.OK))["description"]!.GetValue<string>());
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Every_way_a_request_goes_wrong_is_a_problem_with_a_stable_code()
    {
        var anonymous = _callers.Anonymous();
        var lms = await _callers.OrganizationClientAsync();
        var learner = await _callers.LearnerAsync();
        var organizationId = await _callers.OrganizationIdAsync();

        await (await anonymous.GetAsync("/v1/no-such-thing")).ProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await anonymous.DeleteAsync("/v1/courses")).ProblemAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        await (await anonymous.GetAsync("/v1/courses?limit=0")).ProblemAsync(HttpStatusCode.BadRequest, "INVALID_LIMIT");
        await (await anonymous.GetAsync("/v1/courses?limit=many")).ProblemAsync(HttpStatusCode.BadRequest, "BAD_REQUEST");
        await (await anonymous.GetAsync("/v1/courses?level=EXPERT")).ProblemAsync(HttpStatusCode.BadRequest, "BAD_USER_INPUT");
        await (await anonymous.GetAsync("/v1/courses/no-such-course")).ProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await anonymous.GetAsync("/v1/certificates/NO-SUCH-CODE")).ProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");

        var unauthenticated = await anonymous.GetAsync($"/v1/organizations/{organizationId}/programs");
        await unauthenticated.ProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Equal("Bearer", unauthenticated.Headers.WwwAuthenticate.Single().Scheme);
        await (await anonymous.GetAsync("/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await (await learner.GetAsync($"/v1/organizations/{organizationId}/programs")).ProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN");

        var programs = $"/v1/organizations/{organizationId}/programs";
        await (await lms.PostAsync(programs, new StringContent("{\"name\": ", Encoding.UTF8, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest, "BAD_REQUEST");
        await (await lms.PostAsync(programs, new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded")))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        var refused = await (await lms.PostJsonAsync(programs, new { name = "", courseIds = new[] { await _callers.PublicCourseIdAsync() } })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "INVALID_NAME");
        Assert.Equal(new[] { "input", "name" }, refused["errors"]![0]!["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        await (await lms.PostJsonAsync(programs, new { name = "x", courseIds = new[] { await _callers.PublicCourseIdAsync() } }, new string('k', 256)))
            .ProblemAsync(HttpStatusCode.BadRequest, "INVALID_IDEMPOTENCY_KEY");
        await (await lms.GetAsync($"/v1/bulk-enrollments/{Guid.NewGuid()}/rows?cursor=first")).ProblemAsync(HttpStatusCode.BadRequest, "INVALID_CURSOR");
        await (await lms.GetAsync($"/v1/bulk-enrollments/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");

        // Nothing refused was made.
        var listed = await (await lms.GetAsync(programs)).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(listed["data"]!.AsArray(), p => p!["name"]!.GetValue<string>() is "" or "x");
    }

    [Fact]
    public async Task The_served_openapi_document_is_the_checked_in_one()
    {
        var served = await _callers.Anonymous().GetStringAsync("/openapi/v1.json");
        var file = RepositoryFiles.Path("sdk", "openapi", "coursera-v1.json");
        Assert.True(File.Exists(file), "sdk/openapi/coursera-v1.json is missing: build api/Coursera.Gateway");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(file)), JsonNode.Parse(served)),
            "sdk/openapi/coursera-v1.json is stale: build api/Coursera.Gateway and commit the document it writes.");
        var document = JsonNode.Parse(served)!;
        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(document["paths"]!["/v1/organizations/{organizationId}/learning-records"]);

        // Development serves the interactive reference over the same document.
        var docs = await _callers.Anonymous().GetAsync("/docs");
        await docs.EnsureSuccessStatusCodeAsync(200);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
        var page = await docs.Content.ReadAsStringAsync();
        Assert.True(page.Contains("openapi/v1.json", StringComparison.Ordinal) || page.Contains("openapi/{documentName}.json", StringComparison.Ordinal), page);
    }
}
