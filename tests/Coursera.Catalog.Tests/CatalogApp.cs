using Coursera.Catalog;
using Coursera.ServiceDefaults;
using Coursera.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace Coursera.Catalog.Tests;

/// <summary>
/// The catalog service as its Program builds it (service defaults, AddCatalog, MapCatalog) on an in-memory server,
/// with a database of its own in the test PostgreSQL, migrated and optionally seeded with the sample catalog.
/// </summary>
public class CatalogApp : IAsyncLifetime
{
    private WebApplication? _app;

    protected virtual bool Seed => true;

    protected virtual bool AllowWrites => true;

    public string ConnectionString { get; private set; } = string.Empty;

    public HttpClient Http { get; private set; } = null!;

    public GraphQLHttpClient GraphQL { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestInfrastructure.CreateDatabaseAsync("catalog");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["ConnectionStrings:Redis"] = TestInfrastructure.Redis,
            ["Catalog:MigrateOnStart"] = "true",
            ["Catalog:Seed"] = Seed.ToString(),
            ["Catalog:AllowAnonymousWrites"] = AllowWrites.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddServiceDefaults();
        builder.AddCatalog();
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapCatalog("/graphql");
        await _app.StartAsync();
        Http = _app.GetTestClient();
        GraphQL = new GraphQLHttpClient(Http);
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The catalog as production runs it before identity exists: no anonymous writes.</summary>
public sealed class ReadOnlyCatalogApp : CatalogApp
{
    protected override bool AllowWrites => false;
}
