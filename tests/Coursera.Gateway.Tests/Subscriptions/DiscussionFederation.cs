using Coursera.ServiceDefaults;
using Coursera.Subgraphs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coursera.Gateway.Tests.Subscriptions;

/// <summary>
/// The discussions and courses subgraphs and the gateway, each on Kestrel on a free loopback port. With
/// <paramref name="discussionsInProcess"/> the gateway hosts the discussions subgraph itself (as the all-in-one host
/// does) and reaches it without sockets; the courses subgraph is always across HTTP.
/// </summary>
public sealed class DiscussionFederation(bool discussionsInProcess, IDictionary<string, string?>? gatewaySettings = null) : IAsyncDisposable
{
    private int _discussionsConnections;

    private WebApplication? _discussions;
    private WebApplication? _courses;
    private WebApplication? _gateway;

    public Uri GatewayUrl { get; private set; } = null!;

    public PostFeed Feed { get; private set; } = null!;

    public CourseCatalog Catalog { get; private set; } = null!;

    /// <summary>WebSocket connections open to the discussions subgraph (served over HTTP) right now.</summary>
    public int DiscussionsConnections => Volatile.Read(ref _discussionsConnections);

    /// <param name="gatewaySettings">Configuration of the gateway on top of the federation's own.</param>
    public static async Task<DiscussionFederation> StartAsync(bool discussionsInProcess = false, IDictionary<string, string?>? gatewaySettings = null)
    {
        var federation = new DiscussionFederation(discussionsInProcess, gatewaySettings);
        await federation.InitializeAsync();
        return federation;
    }

    private async Task InitializeAsync()
    {
        _courses = Subgraph<CoursesSchema>(services => services.AddSingleton<CourseCatalog>(), connections: null);
        await _courses.StartAsync();
        Catalog = _courses.Services.GetRequiredService<CourseCatalog>();

        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            [Coursera.Subgraphs.Internal.GatewayCredential.KeySetting] = TestGatewayKey.Value,
            [$"{GatewayModule.SubgraphsSection}:courses"] = Address(_courses) + "graphql",
        };
        if (!discussionsInProcess)
        {
            _discussions = Subgraph<DiscussionsSchema>(services => services.AddSingleton<PostFeed>(), connections: () => ref _discussionsConnections);
            await _discussions.StartAsync();
            Feed = _discussions.Services.GetRequiredService<PostFeed>();
            settings[$"{GatewayModule.SubgraphsSection}:discussions"] = Address(_discussions) + "graphql";
        }

        foreach (var (key, value) in gatewaySettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddGateway();
        if (discussionsInProcess)
        {
            builder.AddSubgraph<DiscussionsSchema>();
            builder.Services.AddSingleton<PostFeed>();
            builder.AddInProcessSubgraph<DiscussionsSchema>("discussions");
        }

        _gateway = builder.Build();
        _gateway.MapGateway();
        await _gateway.StartAsync();
        Feed ??= _gateway.Services.GetRequiredService<PostFeed>();
        GatewayUrl = new Uri(Address(_gateway), "graphql");
    }

    /// <summary>Stops the discussions subgraph's server, as a crash or a deployment would.</summary>
    public async Task StopDiscussionsAsync()
    {
        if (_discussions is not null)
        {
            await _discussions.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _gateway, _discussions, _courses })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }

    private delegate ref int Counter();

    /// <param name="connections">Counts the WebSocket connections open to the subgraph, when given.</param>
    private static WebApplication Subgraph<TSchema>(Action<IServiceCollection> services, Counter? connections)
        where TSchema : GraphQL.Types.Schema
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration[Coursera.Subgraphs.Internal.GatewayCredential.KeySetting] = TestGatewayKey.Value;
        builder.AddSubgraph<TSchema>();
        services(builder.Services);
        var app = builder.Build();
        if (connections is not null)
        {
            app.Use(async (http, next) =>
            {
                // By the header: the WebSockets middleware that would tell comes later, with the subgraph's endpoint.
                if (!string.Equals(http.Request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase))
                {
                    await next(http);
                    return;
                }

                Interlocked.Increment(ref connections());
                try
                {
                    await next(http);
                }
                finally
                {
                    Interlocked.Decrement(ref connections());
                }
            });
        }

        app.MapSubgraph<TSchema>("/graphql");
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
}
