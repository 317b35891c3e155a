using System.Net.Http.Headers;
using Coursera.Identity.Data;
using Coursera.Testing;

namespace Coursera.Platform.Tests;

/// <summary>
/// The identity service and the catalog as separate servers on real sockets: the catalog knows the identity server
/// only by <c>Identity:Authority</c>, fetches its discovery document and keys over HTTP, and validates tokens itself.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.")]
public sealed class DistributedValidationTests : IAsyncLifetime
{
    private IdentityApp? _identity;
    private ServiceApp<Coursera.Catalog.Program>? _catalog;

    public async Task InitializeAsync()
    {
        var database = await TestInfrastructure.CreateDatabaseAsync("distributed");
        _identity = new IdentityApp(database);
        await _identity.InitializeAsync();
        _catalog = new ServiceApp<Coursera.Catalog.Program>(new()
        {
            ["Catalog:MigrateOnStart"] = "true",
            ["Catalog:Seed"] = "true",
            ["Identity:Authority"] = _identity.Authority,
        }, database, socket: true);
        await _catalog.InitializeAsync();
    }

    [Fact]
    public async Task The_catalog_validates_a_token_of_the_identity_service_by_its_published_keys()
    {
        var token = await _identity!.ApiClientTokenAsync("northfield");

        using var catalog = new HttpClient { BaseAddress = new Uri(_catalog!.Address) };
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
        if (_catalog is not null)
        {
            await _catalog.DisposeAsync();
        }

        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }
    }
}
