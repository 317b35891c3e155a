using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coursera.Gateway.Tests;

/// <summary>
/// The reviews subgraph behind a proxy that answers its SDL at once and holds every other request until the caller
/// gives up; the gateway's <c>GraphQL:ExecutionTimeout</c> is three seconds (one was too short for the operation that
/// avoids the stalled subgraph on a loaded CI machine).
/// </summary>
public sealed class StalledReviewsFederation : BenchmarkFederationOverHttp, IAsyncLifetime, IDisposable
{
    private readonly HttpClient _forward = new();
    private WebApplication? _proxy;
    private Uri? _reviews;

    async Task IAsyncLifetime.InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _proxy = builder.Build();
        _proxy.MapPost("/graphql", StallAsync);
        await _proxy.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    public void Dispose() => _forward.Dispose();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["GraphQL:ExecutionTimeout"] = "00:00:03";
        _reviews = new Uri(settings[$"{GatewayModule.SubgraphsSection}:reviews"]!);
        var proxy = _proxy!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        settings[$"{GatewayModule.SubgraphsSection}:reviews"] = proxy + "/graphql";
    }

    private async Task StallAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        if (!body.Contains("_service", StringComparison.Ordinal))
        {
            // Until the gateway hangs up, or the proxy stops (a gateway may leave a shared subgraph request running).
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _proxy!.Lifetime.ApplicationStopping);
            await Task.Delay(Timeout.InfiniteTimeSpan, stall.Token);
        }

        using var response = await _forward.PostAsync(_reviews, new StringContent(body, Encoding.UTF8, "application/json"), http.RequestAborted);
        http.Response.StatusCode = (int)response.StatusCode;
        http.Response.ContentType = "application/json";
        await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}

public sealed class TimeoutTests(StalledReviewsFederation federation) : IClassFixture<StalledReviewsFederation>, IDisposable
{
    private readonly GatewayClient _client = new(federation.GatewayUrl);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_request_that_runs_out_of_time_is_answered_with_TIMEOUT_instead_of_hanging()
    {
        await _client.ComposeAsync();

        // products answers; the reviews fetch that follows stalls. The client waits up to 30 s (GatewayClient).
        var answer = await _client.PostAsync(new { query = "{ topProducts(first: 1) { upc reviews { id } } }" });

        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        Assert.Equal("TIMEOUT", answer.Code());
        Assert.Equal("The request did not complete within 3 s.", answer.Message());
        Assert.True(answer.HasData && answer.Body!["data"] is null, answer.ToString());
    }

    [Fact]
    public async Task Operations_that_do_not_reach_the_stalled_subgraph_still_run()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new { query = "{ topProducts(first: 1) { upc } }" });

        Assert.Equal("1", answer.Data()["topProducts"]![0]!["upc"]!.GetValue<string>());
    }
}
