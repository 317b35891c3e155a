using System.Net;

namespace Coursera.Deploy.Tests.TransportSecurity;

/// <summary>
/// HTTPS in Production (issue 18, item 8), on a service served by Kestrel with a certificate: browsers are told to keep
/// to HTTPS (HSTS for a year, subdomains included) and plain HTTP on the public port is sent to HTTPS, while probes and
/// Prometheus keep plain HTTP on the health paths and the management port.
/// </summary>
public sealed class TransportSecurityTests(TransportSecurityTests.Production service) : IClassFixture<TransportSecurityTests.Production>
{
    public const string Hsts = "max-age=31536000; includeSubDomains";

    [Fact]
    public async Task An_https_response_asks_browsers_for_https_only_for_a_year_with_subdomains()
    {
        using var response = await service.GetAsync($"https://127.0.0.1:{service.HttpsPort}/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Hsts, Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task A_plain_http_request_on_the_public_port_is_redirected_to_https_keeping_its_method()
    {
        using var response = await service.GetAsync($"http://127.0.0.1:{service.HttpPort}/graphql?query=%7B__typename%7D");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(new Uri($"https://{KestrelCatalogApp.PublicHost}:{service.HttpsPort}/graphql?query=%7B__typename%7D"), response.Headers.Location);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is only sent over HTTPS");
    }

    [Fact]
    public async Task Liveness_over_plain_http_on_the_public_port_is_answered_not_redirected()
    {
        using var response = await service.GetAsync($"http://127.0.0.1:{service.HttpPort}/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    public async Task The_management_port_answers_over_plain_http(string path)
    {
        using var response = await service.GetAsync($"http://127.0.0.1:{service.ManagementPort}{path}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public sealed class Production() : KestrelCatalogApp("Production");
}

/// <summary>Development keeps plain HTTP (run.sh binds loopback only) and never pins a browser to HTTPS.</summary>
public sealed class DevelopmentTransportTests(DevelopmentTransportTests.Development service) : IClassFixture<DevelopmentTransportTests.Development>
{
    [Fact]
    public async Task Development_sends_no_hsts_and_redirects_nothing()
    {
        using var secure = await service.GetAsync($"https://127.0.0.1:{service.HttpsPort}/health/live");
        using var plain = await service.GetAsync($"http://127.0.0.1:{service.HttpPort}/graphql?query=%7B__typename%7D");

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.False(secure.Headers.Contains("Strict-Transport-Security"));
        Assert.NotEqual(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Null(plain.Headers.Location);
    }

    public sealed class Development() : KestrelCatalogApp("Development");
}

/// <summary>
/// Behind the Ingress, which terminates TLS: the pod serves plain HTTP only. What came to the Ingress over HTTPS
/// (X-Forwarded-Proto from the known proxy) gets HSTS; in-cluster calls (the gateway to a subgraph) are not redirected.
/// </summary>
public sealed class BehindIngressTransportTests(BehindIngressTransportTests.BehindIngress service) : IClassFixture<BehindIngressTransportTests.BehindIngress>
{
    [Fact]
    public async Task A_request_the_ingress_received_over_https_gets_hsts()
    {
        using var response = await service.GetAsync($"http://127.0.0.1:{service.HttpPort}/health/live", ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.9"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TransportSecurityTests.Hsts, Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task An_in_cluster_plain_http_call_is_served_not_redirected()
    {
        using var response = await service.GetAsync($"http://127.0.0.1:{service.HttpPort}/graphql?query=%7B__typename%7D");

        Assert.NotEqual(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    public sealed class BehindIngress() : KestrelCatalogApp("Production", servesHttps: false);
}
