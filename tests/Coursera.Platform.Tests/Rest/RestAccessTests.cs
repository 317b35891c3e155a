using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Coursera.Platform.Tests.Rest;

/// <summary>
/// Who may call each REST v1 endpoint: the GraphQL API's rules, since every endpoint runs a GraphQL operation with the
/// caller's token. One row per endpoint, one column per caller; a refusal changes nothing.
/// </summary>
public sealed class RestAccessTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const int Ok = 200;
    private const int Created = 201;
    private const int Accepted = 202;
    private const int NoContent = 204;
    private const int BadRequest = 400;
    private const int Unauthenticated = 401;
    private const int Forbidden = 403;
    private const int NotFound = 404;

    private readonly RestCallers _callers = new(platform);

    [Fact]
    public async Task Each_endpoint_admits_exactly_the_callers_graphql_admits()
    {
        var lms = await _callers.OrganizationClientAsync();
        var organizationId = await _callers.OrganizationIdAsync();
        var courseId = (await (await lms.GetAsync("/v1/courses?limit=1")).JsonAsync(HttpStatusCode.OK))["data"]![0]!["id"]!.GetValue<string>();
        var program = await (await lms.PostJsonAsync($"/v1/organizations/{organizationId}/programs",
            new { name = "Access table", courseIds = new[] { courseId } })).JsonAsync(HttpStatusCode.Created);
        var programId = program["id"]!.GetValue<string>();
        var job = await (await lms.PostJsonAsync($"/v1/programs/{programId}/bulk-enrollments",
            new { rows = new[] { new { externalId = "nobody", courseId } } })).JsonAsync(HttpStatusCode.Accepted);
        var jobId = job["id"]!.GetValue<string>();
        var endpointId = (await (await lms.PostJsonAsync("/v1/webhook-endpoints", new { url = "https://lms.example/access" }))
            .JsonAsync(HttpStatusCode.Created))["endpoint"]!["id"]!.GetValue<string>();
        var row = new { externalId = "nobody", courseId };
        var members = new { members = new[] { new { externalId = "access-table" } } };

        //                 method  path                                                          body          anonymous        learner    partner    org admin  org client
        var table = new (HttpMethod Method, string Path, object? Body, int[] Expected)[]
        {
            (HttpMethod.Get, "/v1/courses", null, [Ok, Ok, Ok, Ok, Ok]),
            (HttpMethod.Get, $"/v1/courses/{courseId}", null, [Ok, Ok, Ok, Ok, Ok]),
            (HttpMethod.Get, $"/v1/courses/{courseId}/outline", null, [Ok, Ok, Ok, Ok, Ok]),
            (HttpMethod.Get, "/v1/certificates/UNKNOWN-CODE", null, [NotFound, NotFound, NotFound, NotFound, NotFound]),
            (HttpMethod.Get, "/v1/me", null, [Unauthenticated, Ok, Ok, Ok, Ok]),
            (HttpMethod.Get, $"/v1/organizations/{organizationId}/programs", null, [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
            (HttpMethod.Post, $"/v1/organizations/{organizationId}/programs", new { name = "Refused", courseIds = new[] { courseId } },
                [Unauthenticated, Forbidden, Forbidden, Created, Created]),
            (HttpMethod.Get, $"/v1/programs/{programId}", null, [NotFound, NotFound, NotFound, Ok, Ok]),
            (HttpMethod.Get, $"/v1/programs/{programId}/members", null, [NotFound, NotFound, NotFound, Ok, Ok]),
            // A program is not found by those who may not see it, rather than forbidden: its id tells them nothing.
            (HttpMethod.Post, $"/v1/programs/{programId}/members", members, [NotFound, NotFound, NotFound, Ok, Ok]),
            (HttpMethod.Post, $"/v1/programs/{programId}/members/remove", members, [NotFound, NotFound, NotFound, Ok, Ok]),
            (HttpMethod.Post, $"/v1/programs/{programId}/enrollments", row, [NotFound, NotFound, NotFound, Created, Created]),
            (HttpMethod.Post, $"/v1/programs/{programId}/bulk-enrollments", new { rows = new[] { row } }, [NotFound, NotFound, NotFound, Accepted, Accepted]),
            (HttpMethod.Get, $"/v1/bulk-enrollments/{jobId}", null, [NotFound, NotFound, NotFound, Ok, Ok]),
            (HttpMethod.Get, $"/v1/bulk-enrollments/{jobId}/rows", null, [NotFound, NotFound, NotFound, Ok, Ok]),
            (HttpMethod.Get, $"/v1/organizations/{organizationId}/learning-records", null, [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
            (HttpMethod.Get, $"/v1/organizations/{organizationId}/courses/{courseId}/grades", null,
                [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
            (HttpMethod.Get, $"/v1/organizations/{organizationId}/licences", null, [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
            // A user names the tenant whose endpoints they manage; an API client may (its own) or may not.
            (HttpMethod.Get, $"/v1/webhook-endpoints?tenantId={organizationId}", null, [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
            (HttpMethod.Get, "/v1/webhook-endpoints", null, [Unauthenticated, Forbidden, Ok, BadRequest, Ok]),
            (HttpMethod.Get, $"/v1/webhook-endpoints/{endpointId}?tenantId={organizationId}", null, [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
            (HttpMethod.Get, $"/v1/webhook-endpoints/{endpointId}", null, [Unauthenticated, Forbidden, NotFound, BadRequest, Ok]),
            (HttpMethod.Get, $"/v1/webhook-endpoints/{endpointId}/attempts?tenantId={organizationId}", null, [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
            (HttpMethod.Patch, $"/v1/webhook-endpoints/{endpointId}", new { description = "changed" }, [Unauthenticated, Forbidden, NotFound, Ok, Ok]),
            (HttpMethod.Post, $"/v1/webhook-endpoints/{endpointId}/test", new { }, [Unauthenticated, Forbidden, NotFound, Accepted, Accepted]),
            (HttpMethod.Post, $"/v1/webhook-endpoints/{endpointId}/replay", new { since = DateTimeOffset.UtcNow.AddHours(-1) },
                [Unauthenticated, Forbidden, NotFound, Accepted, Accepted]),
            (HttpMethod.Post, $"/v1/webhook-endpoints/{endpointId}/rotate-secret", new { }, [Unauthenticated, Forbidden, NotFound, Ok, Ok]),
            (HttpMethod.Post, "/v1/webhook-endpoints", new { url = "https://lms.example/another", tenantId = organizationId },
                [Unauthenticated, Forbidden, Forbidden, Created, Created]),
        };

        var callers = new[] { _callers.Anonymous(), await _callers.LearnerAsync(), await _callers.PartnerClientAsync(), await _callers.OrganizationAdminAsync(), lms };
        var names = new[] { "anonymous", "learner", "partner client", "organization admin", "organization client" };
        var mismatches = new List<string>();
        foreach (var (method, path, body, expected) in table)
        {
            for (var i = 0; i < callers.Length; i++)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                var response = await callers[i].SendAsync(request);
                if ((int)response.StatusCode != expected[i])
                {
                    mismatches.Add($"{method} {path} as {names[i]}: {(int)response.StatusCode}, expected {expected[i]}: {await response.Content.ReadAsStringAsync()}");
                }
                else if (expected[i] >= 400)
                {
                    var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                    Assert.False(string.IsNullOrEmpty(problem["code"]?.GetValue<string>()), $"{method} {path} as {names[i]} has no code.");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));

        // The one deletion last, then nobody may touch what is gone.
        await (await callers[3].DeleteAsync($"/v1/webhook-endpoints/{endpointId}")).EnsureSuccessStatusCodeAsync(NoContent);
        await (await lms.GetAsync($"/v1/webhook-endpoints/{endpointId}")).ProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
