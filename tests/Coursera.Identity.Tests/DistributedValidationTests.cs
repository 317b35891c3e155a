using System.Net.Http.Headers;
using System.Text.Json;
using Coursera.Catalog;
using Coursera.Identity.Data;
using Coursera.ServiceDefaults;
using Coursera.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Identity.Tests;

/// <summary>
/// The identity service and the catalog as separate servers on real sockets: the catalog knows the identity server
/// only by <c>Identity:Authority</c>, fetches its discovery document and keys over HTTP, and validates tokens itself.
/// </summary>
public sealed class DistributedValidationTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coursera-distributed").FullName;
    private WebApplication? _identity;
    private WebApplication? _catalog;

    public async Task InitializeAsync()
    {
        var database = await TestInfrastructure.CreateDatabaseAsync("distributed");
        _identity = Start(database, builder => builder.AddIdentity(), app => app.MapIdentity("/graphql"), new()
        {
            ["Identity:MigrateOnStart"] = "true",
            ["Identity:Seed"] = "true",
            ["Identity:KeysPath"] = Path.Combine(_folder, "keys"),
            ["Mail:Path"] = Path.Combine(_folder, "mail"),
            ["Identity:DevCredentialsPath"] = Path.Combine(_folder, "dev-credentials.json"),
        });
        await _identity.StartAsync();
        _catalog = Start(database, builder => builder.AddCatalog(), app => app.MapCatalog("/graphql"), new()
        {
            ["Catalog:MigrateOnStart"] = "true",
            ["Catalog:Seed"] = "true",
            ["Identity:Authority"] = Address(_identity),
        });
        await _catalog.StartAsync();
    }

    [Fact]
    public async Task The_catalog_validates_a_token_of_the_identity_service_by_its_published_keys()
    {
        var credentials = JsonSerializer.Deserialize<DevCredentials>(await File.ReadAllTextAsync(Path.Combine(_folder, "dev-credentials.json")))!;
        var client = credentials.Clients.Single(c => c.TenantSlug == "northfield");
        using var identity = new HttpClient { BaseAddress = new Uri(Address(_identity!)) };
        var token = (await new OidcTestClient(identity).ClientCredentialsAsync(client.ClientId, client.ClientSecret)).Access();

        using var catalog = new HttpClient { BaseAddress = new Uri(Address(_catalog!)) };
        var graphql = new GraphQLHttpClient(catalog);
        const string Create = "mutation($input: CreateCourseInput!) { createCourse(input: $input) { course { status } errors { code } } }";
        var input = new { input = new { partnerId = SampleTenants.Partners[0].Id, slug = "distributed-course", title = "Made across services" } };

        Assert.Equal("UNAUTHENTICATED", (await graphql.PostAsync(Create, input)).ErrorCode());
        catalog.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal("DRAFT", (await graphql.PostAsync(Create, input)).Ok()["createCourse"]!["course"]!["status"]!.GetValue<string>());

        catalog.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^6] + "AAAAAA");
        Assert.Equal(401, (await graphql.PostAsync("{ __typename }")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { _catalog, _identity })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static WebApplication Start(string database, Action<WebApplicationBuilder> add, Action<WebApplication> map, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        settings["ConnectionStrings:Postgres"] = database;
        settings["ConnectionStrings:Redis"] = TestInfrastructure.Redis;
        settings["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        add(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
}
