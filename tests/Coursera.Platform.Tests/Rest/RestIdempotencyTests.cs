using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Coursera.Identity.Data;
using Coursera.Testing;
using StackExchange.Redis;

namespace Coursera.Platform.Tests.Rest;

/// <summary>Idempotency-Key on POSTs: a retried request never runs twice, and a key is never reused for another request.</summary>
public sealed class RestIdempotencyTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private readonly RestCallers _callers = new(platform);

    [Fact]
    public async Task A_retried_post_returns_the_first_answer_and_makes_nothing_twice()
    {
        var lms = await _callers.OrganizationClientAsync();
        var programs = $"/v1/organizations/{await _callers.OrganizationIdAsync()}/programs";
        var key = Guid.NewGuid().ToString();
        var body = new { name = $"Retried {key}", courseIds = new[] { await _callers.PublicCourseIdAsync() } };

        var first = await lms.PostJsonAsync(programs, body, key);
        var created = await first.JsonAsync(HttpStatusCode.Created);
        var replay = await lms.PostJsonAsync(programs, body, key);
        var replayed = await replay.JsonAsync(HttpStatusCode.Created);

        Assert.Equal(created["id"]!.GetValue<string>(), replayed["id"]!.GetValue<string>());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(1, await CountAsync(lms, programs, body.name));

        await (await lms.PostJsonAsync(programs, new { name = "Another program", courseIds = new[] { await _callers.PublicCourseIdAsync() } }, key))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
        Assert.Equal(0, await CountAsync(lms, programs, "Another program"));

        // Keys belong to their caller: anonymous callers have none, and the same key from another client is a new request.
        var anonymous = _callers.Anonymous();
        var members = $"/v1/programs/{created["id"]}/members";
        var memberBody = new { members = new[] { new { externalId = "stranger" } } };
        foreach (var attempt in new[] { 1, 2 })
        {
            var refused = await anonymous.PostJsonAsync(members, memberBody, key);
            await refused.ProblemAsync(HttpStatusCode.NotFound, "PROGRAM_NOT_FOUND");
            Assert.False(refused.Headers.Contains("Idempotent-Replayed"), $"Anonymous attempt {attempt} was answered from the store.");
        }

        var admin = await _callers.OrganizationAdminAsync();
        var other = await (await admin.PostJsonAsync(programs, body, key)).JsonAsync(HttpStatusCode.Created);
        Assert.NotEqual(created["id"]!.GetValue<string>(), other["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_run_once()
    {
        var lms = await _callers.OrganizationClientAsync();
        var programs = $"/v1/organizations/{await _callers.OrganizationIdAsync()}/programs";
        var key = Guid.NewGuid().ToString();
        var body = new { name = $"Concurrent {key}", courseIds = new[] { await _callers.PublicCourseIdAsync() } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => lms.PostJsonAsync(programs, body, key)));

        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                await response.ProblemAsync(HttpStatusCode.Conflict, "IDEMPOTENCY_KEY_IN_USE");
                Assert.NotNull(response.Headers.RetryAfter);
            }
            else
            {
                ids.Add((await response.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<string>());
            }
        }

        Assert.Single(ids);
        Assert.Equal(1, await CountAsync(lms, programs, body.name));
    }

    [Fact]
    public async Task A_refused_post_is_not_kept_so_its_retry_runs_again_once_the_cause_is_put_right()
    {
        var lms = await _callers.OrganizationClientAsync();
        var programs = $"/v1/organizations/{await _callers.OrganizationIdAsync()}/programs";
        var partner = await new LearningPath(platform).PartnerAsync();
        var courseId = LearningPath.Accepted(await partner.PostAsync(
            "mutation($p: ID!, $s: String!) { createCourse(input: {partnerId: $p, slug: $s, title: \"Not yet public\"}) { course { id } errors { code } } }",
            new { p = SampleTenants.Partners[3].Id, s = $"idempotent-{Guid.NewGuid():N}" }))["createCourse"]!["course"]!["id"]!.GetValue<string>();
        var moduleId = LearningPath.Accepted(await partner.PostAsync("mutation($c: ID!) { addModule(input: {courseId: $c, title: \"One\"}) { module { id } } }",
            new { c = courseId }))["addModule"]!["module"]!["id"]!.GetValue<string>();
        LearningPath.Accepted(await partner.PostAsync("mutation($m: ID!) { addItem(input: {moduleId: $m, kind: LECTURE, title: \"Hello\"}) { errors { code } } }",
            new { m = moduleId }));
        var key = Guid.NewGuid().ToString();
        var body = new { name = $"Waiting for {key}", courseIds = new[] { courseId } };

        // A draft is no program's course: refused, and nothing made.
        await (await lms.PostJsonAsync(programs, body, key)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "COURSE_NOT_FOUND");
        Assert.Equal(0, await CountAsync(lms, programs, body.name));

        // Once the course is public (and the learner service has heard so), the same request under the same key runs.
        LearningPath.Accepted(await partner.PostAsync("mutation($c: ID!) { publishCourse(input: {courseId: $c}) { errors { code } } }", new { c = courseId }));
        HttpResponseMessage? accepted = null;
        await LearningPath.Eventually(async () =>
        {
            var retry = await lms.PostJsonAsync(programs, body, key);
            Assert.False(retry.Headers.Contains("Idempotent-Replayed"), "A refusal was answered from the store.");
            accepted = retry.StatusCode == HttpStatusCode.Created ? retry : null;
            return accepted is not null;
        });
        var created = await accepted!.JsonAsync(HttpStatusCode.Created);

        // From then on the key holds that answer.
        var replay = await lms.PostJsonAsync(programs, body, key);
        Assert.Equal(created["id"]!.GetValue<string>(), (await replay.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<string>());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await CountAsync(lms, programs, body.name));
    }

    [Fact]
    public async Task A_stored_answer_keeps_a_webhook_secret_out_of_redis_and_still_replays_it()
    {
        var lms = await _callers.OrganizationClientAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { url = $"https://lms.example/idempotent/{key}" };

        var created = await (await lms.PostJsonAsync("/v1/webhook-endpoints", body, key)).JsonAsync(HttpStatusCode.Created);
        var secret = created["secret"]!.GetValue<string>();
        var replay = await lms.PostJsonAsync("/v1/webhook-endpoints", body, key);
        var replayed = await replay.JsonAsync(HttpStatusCode.Created);

        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(secret, replayed["secret"]!.GetValue<string>());
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestInfrastructure.Redis);
        var stored = (string?)await redis.GetDatabase().StringGetAsync(
            $"rest:idempotency:{RestCallers.OrganizationClientId}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}");
        Assert.NotNull(stored);
        Assert.DoesNotContain("whsec_", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], stored, StringComparison.Ordinal);
        // The body is kept as bytes (base64 in the stored JSON): what those bytes say must not be the answer either.
        var bytes = Convert.FromBase64String(JsonNode.Parse(stored)!["Body"]!.GetValue<string>());
        Assert.DoesNotContain("whsec_", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    private static async Task<int> CountAsync(HttpClient http, string programs, string name)
    {
        var page = await (await http.GetAsync(programs)).JsonAsync(HttpStatusCode.OK);
        return page["data"]!.AsArray().Count(p => p!["name"]!.GetValue<string>() == name);
    }
}
