using System.Net.Http;
using Coursera.Webhooks.Data;
using Coursera.Webhooks.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Webhooks.Tests;

/// <summary>SSRF: the address ranges and ports webhooks never reach, and what the delivery log tells of a refusal.</summary>
public sealed class TargetPolicyTests
{
    [Fact]
    public async Task Addresses_that_carry_a_private_one_inside_and_special_ranges_are_refused_when_registered()
    {
        await using var app = await WebhooksApp.StartAsync(dispatch: false, allowPrivateTargets: false);
        string[] refused =
        [
            "https://[64:ff9b::a9fe:a9fe]/", // NAT64 of 169.254.169.254
            "https://[64:ff9b::7f00:1]/", // NAT64 of 127.0.0.1
            "https://[64:ff9b:1::808:808]/", // local-use NAT64
            "https://[2002:a9fe:a9fe::1]/", // 6to4
            "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", // Teredo
            "https://[::a9fe:a9fe]/", // IPv4-compatible
            "https://[::ffff:10.0.0.1]/", // IPv4-mapped
            "https://198.18.0.1/", "https://198.19.255.254/", "https://192.0.0.170/", "https://100.64.0.1/",
            "https://example.org:6379/", "https://example.org:25/", "https://93.184.215.14:8443/",
        ];
        foreach (var url in refused)
        {
            var (created, refusal) = await app.Endpoints.CreateAsync(Guid.CreateVersion7(), url, [], null, CancellationToken.None);
            Assert.True(created is null && refusal is not null, $"{url} was accepted.");
        }

        string[] accepted = ["https://[64:ff9b::808:808]/", "https://198.20.0.1/", "https://example.org/hooks", "https://example.org:443/", "http://example.org/"];
        foreach (var url in accepted)
        {
            var (created, refusal) = await app.Endpoints.CreateAsync(Guid.CreateVersion7(), url, [], null, CancellationToken.None);
            Assert.True(created is not null, $"{url} was refused: {refusal}");
        }
    }

    [Fact]
    public async Task Other_ports_are_allowed_only_when_configured()
    {
        await using var app = await WebhooksApp.StartAsync(dispatch: false, allowPrivateTargets: false,
            settings: new() { ["Webhooks:AllowedPorts:0"] = "8443" });
        Assert.NotNull((await app.Endpoints.CreateAsync(Guid.CreateVersion7(), "https://example.org:8443/", [], null, CancellationToken.None)).Created);
        Assert.Null((await app.Endpoints.CreateAsync(Guid.CreateVersion7(), "https://example.org/", [], null, CancellationToken.None)).Created);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_and_one_that_resolves_inside_read_the_same_in_the_delivery_log()
    {
        await using var app = await WebhooksApp.StartAsync(dispatch: false, allowPrivateTargets: false);
        var missing = (await app.Endpoints.CreateAsync(Guid.CreateVersion7(), "https://db.no-such-host.invalid/", [], null, CancellationToken.None)).Created!;
        var inside = (await app.Endpoints.CreateAsync(Guid.CreateVersion7(), "https://localhost/", [], null, CancellationToken.None)).Created!;
        await app.Endpoints.SendTestAsync(missing.Endpoint.Id, CancellationToken.None);
        await app.Endpoints.SendTestAsync(inside.Endpoint.Id, CancellationToken.None);

        await ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.Services).DispatchOnceAsync(CancellationToken.None);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync();
        var responses = await db.Attempts.Select(a => a.Response).ToListAsync();
        Assert.Equal(2, responses.Count);
        Assert.All(responses, r => Assert.Equal(TargetAddressPolicy.Unreachable, r));
    }

    [Fact]
    public async Task Deliveries_never_go_through_a_proxy_from_the_environment()
    {
        await using var app = await WebhooksApp.StartAsync(dispatch: false);
        HttpMessageHandler? handler = app.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(WebhookDispatcher.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        var sockets = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.False(sockets.UseProxy); // a proxy would pick the final address itself, past the connect-time check
        Assert.False(sockets.AllowAutoRedirect);
    }
}
