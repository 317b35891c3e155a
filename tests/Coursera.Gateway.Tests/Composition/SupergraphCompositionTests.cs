using System.Diagnostics.Metrics;
using System.Net;
using Coursera.Gateway.Composition;
using Coursera.ServiceDefaults;
using Coursera.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coursera.Gateway.Tests.Composition;

/// <summary>
/// The standalone gateway's supergraph over its lifetime: composed at start (failing the start when the subgraphs do
/// not compose), refused requests and an unhealthy check until then, and, with polling on, reloaded when a subgraph's
/// schema changes, keeping the last good supergraph when a change does not compose.
/// </summary>
public sealed class SupergraphCompositionTests
{
    private const string Greeting = "type Query { greeting: String }";
    private const string GreetingAndFarewell = "type Query { greeting: String farewell: String }";

    /// <summary>Another subgraph's <c>greeting</c> typed differently: FIELD_TYPE_MISMATCH.</summary>
    private const string NumericGreeting = "type Query { weather: String greeting: Int }";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_gateway_whose_subgraphs_do_not_compose_stops_with_the_composition_errors()
    {
        await using var first = await SdlSubgraph.StartAsync(Greeting);
        await using var second = await SdlSubgraph.StartAsync(NumericGreeting);
        await using var gateway = Gateway(new() { ["Subgraphs:first"] = first.Url.ToString(), ["Subgraphs:second"] = second.Url.ToString() });

        var error = await Assert.ThrowsAsync<SupergraphUnavailableException>(() => gateway.RunAsync().WaitAsync(Patience));

        Assert.Equal(SupergraphFailureKind.CompositionFailed, error.Failure.Kind);
        Assert.Contains("FIELD_TYPE_MISMATCH", error.Message, StringComparison.Ordinal);
        Assert.Contains("Query.greeting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subgraph_that_never_answers_stops_the_start_once_the_wait_is_over()
    {
        await using var starting = await SdlSubgraph.StartAsync(sdl: null);
        await using var gateway = Gateway(new()
        {
            ["Subgraphs:starting"] = starting.Url.ToString(),
            ["Gateway:SupergraphStartupTimeout"] = "00:00:01",
        });

        var error = await Assert.ThrowsAsync<SupergraphUnavailableException>(() => gateway.RunAsync().WaitAsync(Patience));

        Assert.Equal(SupergraphFailureKind.SubgraphUnreachable, error.Failure.Kind);
        Assert.Contains($"starting ({starting.Url})", error.Message, StringComparison.Ordinal);
        Assert.True(starting.SdlRequests > 1, "the start-up composition retries a subgraph that does not answer yet");
    }

    [Fact]
    public async Task Until_the_subgraphs_answer_requests_get_SUPERGRAPH_UNAVAILABLE_and_health_is_unhealthy_then_both_recover()
    {
        await using var starting = await SdlSubgraph.StartAsync(sdl: null);
        starting.Data = new() { ["greeting"] = "hello" };
        await using var gateway = Gateway(new() { ["Subgraphs:starting"] = starting.Url.ToString() });
        await gateway.StartAsync();
        using var client = new GatewayClient(GraphQLUrl(gateway));

        var refused = await client.PostAsync(new { query = "{ greeting }" });
        var unhealthy = await HealthAsync(gateway);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal(GatewayErrorCodes.SupergraphUnavailable, refused.Code());
        Assert.False(refused.HasData, refused.ToString());
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        Assert.Contains($"starting ({starting.Url})", unhealthy.Description, StringComparison.Ordinal);

        // Over WebSocket too: the operation is refused with the same code, and the connection stays open.
        await using (var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(GraphQLUrl(gateway)))
        {
            await socket.SubscribeAsync("early", "{ greeting }");
            var error = await socket.ReceiveMessageAsync();
            Assert.Equal("error", error["type"]!.GetValue<string>());
            Assert.Equal(GatewayErrorCodes.SupergraphUnavailable, error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        }

        starting.Sdl = Greeting;
        var answer = await EventuallyAsync(() => client.PostAsync(new { query = "{ greeting }" }), a => a.Status == HttpStatusCode.OK);

        Assert.Equal("hello", answer.Data()["greeting"]!.GetValue<string>());
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync(gateway)).Status);
    }

    [Fact]
    public async Task With_polling_a_changed_subgraph_schema_is_served_without_a_restart_and_a_change_that_does_not_compose_is_refused()
    {
        await using var subgraph = await SdlSubgraph.StartAsync(Greeting);
        subgraph.Data = new() { ["greeting"] = "hello", ["farewell"] = "bye" };
        await using var rival = await SdlSubgraph.StartAsync("type Query { weather: String }");
        await using var gateway = Gateway(new()
        {
            ["Subgraphs:greetings"] = subgraph.Url.ToString(),
            ["Subgraphs:rival"] = rival.Url.ToString(),
            ["Gateway:SupergraphPollInterval"] = "00:00:01",
        });
        using var failures = new CompositionFailures(gateway.Services.GetRequiredService<IMeterFactory>());
        await gateway.StartAsync();
        using var client = new GatewayClient(GraphQLUrl(gateway));
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", (await client.PostAsync(new { query = "{ farewell }" })).Code());

        subgraph.Sdl = GreetingAndFarewell;
        var reloaded = await EventuallyAsync(() => client.PostAsync(new { query = "{ greeting farewell }" }), a => a.Errors is null);

        Assert.Equal("bye", reloaded.Data()["farewell"]!.GetValue<string>());
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync(gateway)).Status);
        Assert.Equal(0, failures.Of("composition_failed") + failures.Of("subgraph_unreachable"));

        // The rival now types greeting differently: that does not compose.
        rival.Sdl = NumericGreeting;
        var degraded = await EventuallyAsync(() => HealthAsync(gateway), h => h.Status != HealthStatus.Healthy);

        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("FIELD_TYPE_MISMATCH", degraded.Description, StringComparison.Ordinal);
        Assert.Equal("bye", (await client.PostAsync(new { query = "{ greeting farewell }" })).Data()["farewell"]!.GetValue<string>());
        Assert.True(failures.Of("composition_failed") >= 1, "a refused recomposition is counted");

        rival.Sdl = "type Query { weather: String }";
        Assert.Equal(HealthStatus.Healthy, (await EventuallyAsync(() => HealthAsync(gateway), h => h.Status == HealthStatus.Healthy)).Status);
    }

    private static WebApplication Gateway(Dictionary<string, string?> settings)
    {
        settings["Logging:LogLevel:Default"] = "Critical";
        settings[Coursera.Subgraphs.Internal.GatewayCredential.KeySetting] = TestGatewayKey.Value;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddGateway();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGateway();
        return app;
    }

    private static Uri GraphQLUrl(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/graphql");

    private static async Task<HealthReportEntry> HealthAsync(WebApplication app) =>
        (await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "supergraph")).Entries["supergraph"];

    /// <summary>Polling is asynchronous: ask again until <paramref name="done"/>, for at most <see cref="Patience"/>.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> ask, Func<T, bool> done)
    {
        var giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            var answer = await ask();
            if (done(answer) || DateTime.UtcNow > giveUp)
            {
                return answer;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The failures counter of this gateway's meters only (other tests' gateways count in the same process).</summary>
    private sealed class CompositionFailures : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, int> _reasons = [];

        public CompositionFailures(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "coursera.gateway.composition.failures")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "reason")
                    {
                        lock (_reasons)
                        {
                            _reasons[(string)tag.Value!] = _reasons.GetValueOrDefault((string)tag.Value!) + (int)value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public int Of(string reason)
        {
            lock (_reasons)
            {
                return _reasons.GetValueOrDefault(reason);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
