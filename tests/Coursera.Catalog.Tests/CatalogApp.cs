using System.Net.Http.Headers;
using System.Text.Json;
using Coursera.Identity;
using Coursera.Identity.Data;
using Coursera.ServiceDefaults;
using Coursera.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace Coursera.Catalog.Tests;

/// <summary>
/// The catalog service as its Program builds it (service defaults, AddCatalog, MapCatalog) on an in-memory server,
/// with a database of its own in the test PostgreSQL, migrated and seeded with the sample catalog. The identity
/// module runs beside it, seeded with the development accounts, so tests get real tokens; <see cref="GraphQL"/>
/// carries the platform administrator's (signed in through the partner portal with <c>catalog:write</c>).
/// </summary>
public class CatalogApp : IAsyncLifetime
{
    public const string PortalScopes = "openid profile catalog:read catalog:write";

    private readonly string _folder = Directory.CreateTempSubdirectory("coursera-catalog-tests").FullName;
    private WebApplication? _app;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Anonymous.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>As the platform administrator.</summary>
    public GraphQLHttpClient GraphQL { get; private set; } = null!;

    /// <summary>Anonymous.</summary>
    public GraphQLHttpClient Anonymous { get; private set; } = null!;

    public DevCredentials Credentials { get; private set; } = null!;

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
            ["Catalog:Seed"] = "true",
            ["Identity:MigrateOnStart"] = "true",
            ["Identity:Seed"] = "true",
            ["Identity:KeysPath"] = Path.Combine(_folder, "keys"),
            ["Mail:Path"] = Path.Combine(_folder, "mail"),
            ["Identity:DevCredentialsPath"] = Path.Combine(_folder, "dev-credentials.json"),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddServiceDefaults();
        builder.AddIdentity();
        builder.AddCatalog();
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapIdentity();
        _app.MapCatalog("/graphql");
        await _app.StartAsync();
        Credentials = JsonSerializer.Deserialize<DevCredentials>(await File.ReadAllTextAsync(Path.Combine(_folder, "dev-credentials.json")))!;

        Http = _app.GetTestClient();
        Anonymous = new GraphQLHttpClient(Http);
        GraphQL = await ClientAsAsync(await UserTokenAsync("admin@coursera.example"));
    }

    /// <summary>A browser-like client of this server: keeps cookies, does not follow redirects.</summary>
    public HttpClient NewBrowser()
    {
        var server = _app!.GetTestServer();
        return new HttpClient(new CookieContainerHandler { InnerHandler = server.CreateHandler() }) { BaseAddress = server.BaseAddress };
    }

    /// <summary>A seeded user's access token through the partner portal (or another first-party client).</summary>
    public async Task<string> UserTokenAsync(string email, string scope = PortalScopes, string client = SampleTenants.PartnerPortalClientId)
    {
        var user = Credentials.Users.Single(u => u.Email == email);
        var redirect = Credentials.PublicClients.Single(c => c.ClientId == client).RedirectUri;
        using var browser = NewBrowser();
        return (await new OidcTestClient(browser).SignInAsync(user.Email, user.Password, client, redirect, scope)).Access();
    }

    /// <summary>A seeded partner API client's access token (all its scopes unless <paramref name="scope"/> narrows them).</summary>
    public async Task<string> ApiClientTokenAsync(string partnerSlug, string? scope = null)
    {
        var client = Credentials.Clients.Single(c => c.TenantSlug == partnerSlug);
        return (await new OidcTestClient(Http).ClientCredentialsAsync(client.ClientId, client.ClientSecret, scope)).Access();
    }

    public Task<GraphQLHttpClient> ClientAsAsync(string accessToken)
    {
        var http = _app!.GetTestClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return Task.FromResult(new GraphQLHttpClient(http));
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
