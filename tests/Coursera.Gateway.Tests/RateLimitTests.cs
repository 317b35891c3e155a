using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Coursera.ServiceDefaults.RateLimiting;

namespace Coursera.Gateway.Tests;

/// <summary>
/// The Redis-backed request limit at the gateway's <c>/graphql</c>: a GraphQL error with <c>RATE_LIMITED</c> and the
/// standard headers, one count for every instance of a deployment, client addresses believed only from known proxies,
/// and requests still served when Redis is away.
/// </summary>
public sealed class RateLimitTests
{
    private const string Query = """{"query":"{ topProducts(first: 2) { upc } }"}""";

    [Fact]
    public async Task Two_gateway_instances_on_one_Redis_share_the_count_and_refuse_with_RATE_LIMITED()
    {
        var prefix = RateLimitedFederation.NewKeyPrefix();
        var settings = new Dictionary<string, string?> { ["RateLimiting:Api:PerAddress"] = "4" };
        await using var first = await StartAsync(new RateLimitedFederation(prefix, settings));
        await using var second = await StartAsync(new RateLimitedFederation(prefix, settings));

        var answers = new List<HttpResponseMessage>();
        foreach (var gateway in new[] { first, second, first, second, first })
        {
            answers.Add(await PostAsync(gateway.Federation.GatewayUrl));
        }

        Assert.All(answers.Take(4), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(["\"api-address\";q=4;w=60"], answers[0].Headers.GetValues("RateLimit-Policy"));
        Assert.StartsWith("\"api-address\";r=3;t=", answers[0].Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
        Assert.StartsWith("\"api-address\";r=0;t=", answers[3].Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);

        var refused = answers[4];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(RateLimitRejection.Code, body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(retryAfter, body["errors"]![0]!["extensions"]!["retryAfter"]!.GetValue<long>());
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task X_Forwarded_For_from_an_unknown_proxy_does_not_give_a_client_another_count()
    {
        var settings = new Dictionary<string, string?> { ["RateLimiting:Api:PerAddress"] = "2" };
        await using var gateway = await StartAsync(new RateLimitedFederation(RateLimitedFederation.NewKeyPrefix(), settings));

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            statuses.Add((await PostAsync(gateway.Federation.GatewayUrl, forwardedFor: $"198.51.100.{i}")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_forwarded_client_address_has_its_own_count()
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Api:PerAddress"] = "1",
            ["ForwardedHeaders:KnownProxies"] = "127.0.0.1",
        };
        await using var gateway = await StartAsync(new RateLimitedFederation(RateLimitedFederation.NewKeyPrefix(), settings));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(gateway.Federation.GatewayUrl, forwardedFor: "198.51.100.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(gateway.Federation.GatewayUrl, forwardedFor: "198.51.100.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostAsync(gateway.Federation.GatewayUrl, forwardedFor: "198.51.100.1")).StatusCode);
    }

    [Fact]
    public async Task Without_Redis_requests_are_served_unlimited_rather_than_failing()
    {
        var settings = new Dictionary<string, string?> { ["RateLimiting:Api:PerAddress"] = "1" };
        await using var gateway = await StartAsync(new RateLimitedFederation(RateLimitedFederation.NewKeyPrefix(), settings,
            redis: "127.0.0.1:1,connectTimeout=200"));

        for (var i = 0; i < 3; i++)
        {
            var answer = await PostAsync(gateway.Federation.GatewayUrl);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.False(answer.Headers.Contains("RateLimit"));
        }
    }

    internal static async Task<HttpResponseMessage> PostAsync(Uri url, string? forwardedFor = null, string body = Query,
        IDictionary<string, string>? headers = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    internal static async Task<Started> StartAsync(RateLimitedFederation federation)
    {
        await federation.InitializeAsync();
        return new Started(federation);
    }

    /// <summary>A started federation that is stopped at the end of the test's <c>await using</c>.</summary>
    internal sealed class Started(RateLimitedFederation federation) : IAsyncDisposable
    {
        public RateLimitedFederation Federation => federation;

        public async ValueTask DisposeAsync() => await federation.DisposeAsync();
    }
}
