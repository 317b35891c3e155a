using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Coursera.Identity.Data;
using Coursera.Platform.Tests.Rest;
using Coursera.ServiceDefaults.RateLimiting;
using Coursera.Testing;

namespace Coursera.Platform.Tests.Security;

/// <summary>
/// F9 (security review): rate limits on the sign-in page, the token endpoint, <c>/graphql</c>, <c>/v1</c> and certificate
/// lookups, each refusal a 429 with <c>Retry-After</c> and the IETF <c>RateLimit</c> headers, in the endpoint's own
/// shape; and password spraying from one address slowed while other people sign in as usual.
/// </summary>
public sealed class RateLimitTests(RateLimitPlatform platform) : IClassFixture<RateLimitPlatform>
{
    [Fact]
    public async Task Two_hundred_wrong_passwords_from_one_address_are_refused_with_429_while_another_user_signs_in_normally()
    {
        var attacker = new OidcTestClient(platform.BrowserAt(RateLimitPlatform.NewAddress()));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 200; i++)
        {
            // Spraying: another account each time, so no account lockout helps; only the address is in common.
            var response = await attacker.PostFormAsync("/account/login", new()
            {
                ["email"] = $"someone{i}@example.com",
                ["password"] = "Summer2026!",
                ["returnUrl"] = "/",
            });
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(20, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(180, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Skip(20), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.InRange(refused!.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal("\"sign-in-address\";q=20;w=60", refused.Headers.GetValues("RateLimit-Policy").Single());
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Someone else, elsewhere, in the same minute.
        var other = new OidcTestClient(platform.BrowserAt(RateLimitPlatform.NewAddress()));
        var tokens = await other.SignInAsync(LearningPath.LearnerEmail, platform.User(LearningPath.LearnerEmail).Password,
            SampleTenants.LearnerAppClientId, platform.RedirectUri(SampleTenants.LearnerAppClientId), LearningPath.LearnerScopes);
        Assert.NotNull(tokens.AccessToken);
    }

    [Fact]
    public async Task Guesses_at_one_account_from_many_addresses_are_refused_after_ten_a_minute()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            var guesser = new OidcTestClient(platform.BrowserAt(RateLimitPlatform.NewAddress()));
            statuses.Add((await guesser.PostFormAsync("/account/login", new()
            {
                ["email"] = "  Target.Person@Example.com ",
                ["password"] = $"guess-{i}",
                ["returnUrl"] = "/",
            })).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task GraphQL_over_the_limit_answers_429_with_a_RATE_LIMITED_error_and_the_headers()
    {
        using var http = Client(RateLimitPlatform.NewAddress());
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= RateLimitPlatform.ApiPerAddress; i++)
        {
            answers.Add(await http.PostAsync("/graphql", new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json")));
        }

        Assert.All(answers.Take(RateLimitPlatform.ApiPerAddress), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.StartsWith($"\"api-address\";r={RateLimitPlatform.ApiPerAddress - 1};t=", answers[0].Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
        var refused = answers[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal($"\"api-address\";q={RateLimitPlatform.ApiPerAddress};w=60", refused.Headers.GetValues("RateLimit-Policy").Single());
        var body = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(RateLimitRejection.Code, body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.False(body.ContainsKey("data"));
    }

    [Fact]
    public async Task REST_over_the_limit_answers_429_problem_details_with_RATE_LIMITED()
    {
        using var http = Client(RateLimitPlatform.NewAddress());
        HttpResponseMessage? last = null;
        for (var i = 0; i <= RateLimitPlatform.ApiPerAddress; i++)
        {
            last = await http.GetAsync("/v1/courses?limit=1");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        Assert.True(last.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var problem = (await last.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.Equal(RateLimitRejection.Code, problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Certificate_lookups_have_a_tighter_limit_per_address_than_the_rest_of_the_API()
    {
        using var http = Client(RateLimitPlatform.NewAddress());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitPlatform.CertificatesPerAddress; i++)
        {
            statuses.Add((await http.GetAsync($"/v1/certificates/GUESS{1000 + i}")).StatusCode);
        }

        Assert.All(statuses.Take(RateLimitPlatform.CertificatesPerAddress), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        // The rest of the API still answers this address: only lookups were used up.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/courses?limit=1")).StatusCode);
    }

    [Fact]
    public async Task Client_secret_guesses_at_the_token_endpoint_are_refused_per_client_whatever_the_address()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitPlatform.TokenPerClient; i++)
        {
            using var http = Client(RateLimitPlatform.NewAddress());
            using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RestCallers.OrganizationClientId}:wrong-secret-{i}")));
            statuses.Add((await http.SendAsync(request)).StatusCode);
        }

        Assert.All(statuses.Take(RateLimitPlatform.TokenPerClient), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private HttpClient Client(string address)
    {
        var http = new HttpClient { BaseAddress = new Uri(platform.Address) };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return http;
    }
}
