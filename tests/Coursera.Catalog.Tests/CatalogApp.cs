using System.Net.Http.Headers;
using Coursera.Identity.Data;
using Coursera.Platform.Testing;
using Coursera.Testing;

namespace Coursera.Catalog.Tests;

/// <summary>
/// The catalog service by its own Program, migrated and seeded with the sample catalog, and beside it the identity
/// service by its Program on a loopback socket, seeded with the development accounts, so tests get real tokens that
/// the catalog validates by the published keys (<c>Identity:Authority</c>), as in a deployment. Both keep their schemas
/// in one test database. <see cref="GraphQL"/> carries the platform administrator's token (signed in through the
/// partner portal with <c>catalog:write</c>).
/// </summary>
public class CatalogApp : ServiceApp<Coursera.Catalog.Program>
{
    public const string PortalScopes = "openid profile catalog:read catalog:write";

    private IdentityApp? _identity;

    public CatalogApp()
    {
        Settings["Catalog:MigrateOnStart"] = "true";
        Settings["Catalog:Seed"] = "true";
    }

    /// <summary>Anonymous.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>As the platform administrator.</summary>
    public GraphQLHttpClient GraphQL { get; private set; } = null!;

    /// <summary>Anonymous.</summary>
    public GraphQLHttpClient Anonymous { get; private set; } = null!;

    public DevCredentials Credentials => _identity!.Credentials;

    public override async Task InitializeAsync()
    {
        _identity = new IdentityApp(await EnsureDatabaseAsync());
        await _identity.InitializeAsync();
        Settings["Identity:Authority"] = _identity.Authority;
        await base.InitializeAsync();

        Http = CreateClient();
        Anonymous = new GraphQLHttpClient(Http);
        GraphQL = await ClientAsAsync(await UserTokenAsync("admin@coursera.example"));
    }

    /// <summary>A seeded user's access token through the partner portal (or another first-party client).</summary>
    public Task<string> UserTokenAsync(string email, string scope = PortalScopes, string client = SampleTenants.PartnerPortalClientId) =>
        _identity!.UserTokenAsync(email, scope, client);

    /// <summary>A seeded partner API client's access token (all its scopes unless <paramref name="scope"/> narrows them).</summary>
    public Task<string> ApiClientTokenAsync(string partnerSlug, string? scope = null) => _identity!.ApiClientTokenAsync(partnerSlug, scope);

    public Task<GraphQLHttpClient> ClientAsAsync(string accessToken)
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return Task.FromResult(new GraphQLHttpClient(http));
    }

    public override async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await base.DisposeAsync();
        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
