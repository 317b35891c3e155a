using System.Net.Http.Headers;
using Coursera.Platform.Tests.Rest;

namespace Coursera.Platform.Tests.Security;

/// <summary>
/// Issue item 10: malformed input is the client's error, never the server's. A fixed-seed generator posts a few hundred
/// malformed bodies to every public endpoint of the all-in-one host that parses a body (GraphQL, REST v1, Stripe's
/// webhook, the OIDC token endpoint, the sign-in page); none may answer 5xx or show a stack trace.
/// </summary>
public sealed class MalformedInputTests(MalformedInputPlatform platform) : IClassFixture<MalformedInputPlatform>
{
    private const int Seed = 20261203;
    private const int VariantsPerEndpoint = 36;
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    [Fact]
    public async Task No_malformed_body_gets_a_server_error_or_a_stack_trace()
    {
        var callers = new RestCallers(platform);
        using var anonymous = platform.CreateClient();
        using var organization = await callers.OrganizationClientAsync();
        var organizationId = await callers.OrganizationIdAsync();
        var someId = Guid.CreateVersion7();
        var marker = MalformedInputGenerator.Marker;
        var endpoints = new (HttpMethod Method, string Path, HttpClient Caller, string Valid, string ContentType)[]
        {
            (HttpMethod.Post, "/graphql", anonymous,
                """{"query":"query($f: CourseFilter) { courses(first: 2, filter: $f) { nodes { id title } } }","variables":{"f":{"search":"FUZZ"}}}""", Json),
            (HttpMethod.Post, "/graphql", organization,
                """{"query":"mutation($i: CreateProgramInput!) { createProgram(input: $i) { errors { code } } }","variables":{"i":{"organizationId":"ORGANIZATION","name":"FUZZ","courseIds":[]}}}"""
                    .Replace("ORGANIZATION", organizationId.ToString(), StringComparison.Ordinal), Json),
            (HttpMethod.Post, $"/v1/organizations/{organizationId}/programs", organization, $$"""{"name":"{{marker}}","courseIds":[]}""", Json),
            (HttpMethod.Post, $"/v1/programs/{someId}/members", organization, $$"""{"emails":["{{marker}}@example.com"]}""", Json),
            (HttpMethod.Post, $"/v1/programs/{someId}/enrollments", organization, $$"""{"courseId":"{{someId}}","externalId":"{{marker}}"}""", Json),
            (HttpMethod.Post, "/v1/webhook-endpoints", organization, $$"""{"url":"https://example.com/{{marker}}","eventTypes":["enrollment.created"]}""", Json),
            (HttpMethod.Patch, $"/v1/webhook-endpoints/{someId}", organization, $$"""{"description":"{{marker}}"}""", Json),
            (HttpMethod.Post, "/billing/stripe/webhook", anonymous, """{"id":"evt_FUZZ","type":"checkout.session.completed","data":{"object":{}}}""", Json),
            (HttpMethod.Post, "/connect/token", anonymous, $"grant_type=client_credentials&client_id={marker}&client_secret=x", Form),
            (HttpMethod.Post, "/account/login", anonymous, $"email={marker}&password=x&returnUrl=/", Form),
        };

        var generator = new MalformedInputGenerator(Seed);
        var failures = new List<string>();
        var sent = 0;
        foreach (var (method, path, caller, valid, contentType) in endpoints)
        {
            foreach (var variant in generator.Variants(valid, contentType, json: contentType == Json, VariantsPerEndpoint))
            {
                using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(variant.Body) };
                if (variant.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var media))
                {
                    request.Content.Headers.ContentType = media;
                }
                else if (variant.ContentType is { } raw)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", raw);
                }

                request.Headers.TryAddWithoutValidation("Stripe-Signature", "t=1,v1=00");
                using var response = await caller.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                sent++;
                if ((int)response.StatusCode >= 500 || body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
                {
                    failures.Add($"{method} {path} with {variant.Kind} ({variant.Body.Length} bytes, {variant.ContentType}): {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                }
            }
        }

        Assert.True(sent >= 300, $"Only {sent} bodies were sent.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed bodies were answered as server errors:\n{string.Join('\n', failures)}");
    }
}

/// <summary>The platform without rate limits: the fuzz sends hundreds of bodies a minute, and each must reach its parser.</summary>
public sealed class MalformedInputPlatform : PlatformApp
{
    public MalformedInputPlatform() => Settings["RateLimiting:Enabled"] = "false";
}
