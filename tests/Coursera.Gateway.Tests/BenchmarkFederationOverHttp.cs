using Coursera.Federation.BenchmarkFederation;
using Coursera.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coursera.Gateway.Tests;

/// <summary>
/// The benchmark subgraphs and the standalone gateway, each a real Kestrel server on a free loopback port: every
/// subgraph request crosses real HTTP, as in the distributed deployment.
/// </summary>
public class BenchmarkFederationOverHttp : IAsyncLifetime
{
    private WebApplication? _subgraphServer;
    private WebApplication? _gateway;

    public BenchmarkSubgraphs Subgraphs { get; } = BenchmarkSubgraphs.Create();

    public Uri GatewayUrl { get; private set; } = null!;

    /// <summary>The gateway's own services, to see what it was configured with.</summary>
    public IServiceProvider GatewayServices => _gateway?.Services ?? throw new InvalidOperationException("The gateway has not started.");

    protected virtual string Environment => Environments.Production;

    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    public async Task InitializeAsync()
    {
        var subgraphBuilder = WebApplication.CreateBuilder();
        subgraphBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        subgraphBuilder.Logging.ClearProviders();
        _subgraphServer = subgraphBuilder.Build();
        _subgraphServer.MapBenchmarkSubgraphs(Subgraphs);
        await _subgraphServer.StartAsync();
        var subgraphBase = Address(_subgraphServer);

        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            [Coursera.Subgraphs.Internal.GatewayCredential.KeySetting] = TestGatewayKey.Value,
        };
        foreach (var name in Subgraphs.Names)
        {
            settings[$"{GatewayModule.SubgraphsSection}:{name}"] = $"{subgraphBase}{name}/graphql";
        }

        Configure(settings);
        var gatewayBuilder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environment });
        gatewayBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        gatewayBuilder.Configuration.AddInMemoryCollection(settings);
        gatewayBuilder.AddServiceDefaults();
        gatewayBuilder.AddGateway();
        _gateway = gatewayBuilder.Build();
        _gateway.MapDefaultEndpoints();
        _gateway.MapGateway();
        await _gateway.StartAsync();
        GatewayUrl = new Uri(Address(_gateway), "graphql");
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_subgraphServer is not null)
        {
            await _subgraphServer.DisposeAsync();
        }

        await Subgraphs.DisposeAsync();
    }

    public int SubgraphRequests => Subgraphs.Names.Sum(Subgraphs.RequestCount);

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
}
