using System.Net.Http.Headers;
using System.Text.Json;
using Coursera.Events;
using Coursera.Identity.Data;
using Coursera.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Xunit;

namespace Coursera.Platform.Testing;

/// <summary>
/// The all-in-one host as <c>./run.sh</c> starts it (gateway and every service) on a database of its own, seeded
/// with the sample catalog and the development accounts, whose generated secrets the tests read like a developer does.
/// </summary>
public sealed class PlatformApp : WebApplicationFactory<global::Program>, IAsyncLifetime
{
    public const string PortalScopes = "openid profile email roles offline_access catalog:read catalog:write";

    private readonly string _folder = Directory.CreateTempSubdirectory("coursera-identity-tests").FullName;
    private string _database = string.Empty;

    public DevCredentials Credentials { get; private set; } = null!;

    public string ConnectionString => _database;

    public string MailFolder => Path.Combine(_folder, "mail");

    public string DevCredentialsPath => Path.Combine(_folder, "dev-credentials.json");

    /// <summary>Where account mail links point, whatever Host header a request came with.</summary>
    public const string PublicOrigin = "https://learn.coursera.example";

    public async Task InitializeAsync()
    {
        _database = await TestInfrastructure.CreateDatabaseAsync("identity");
        _ = Server; // starts the host: migrations and seeding run before the first request
        Credentials = JsonSerializer.Deserialize<DevCredentials>(await File.ReadAllTextAsync(DevCredentialsPath))!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Postgres", _database);
        builder.UseSetting("ConnectionStrings:Redis", TestInfrastructure.Redis);
        builder.UseSetting("Catalog:Seed", "true");
        builder.UseSetting("Identity:MigrateOnStart", "true");
        builder.UseSetting("Identity:Seed", "true");
        builder.UseSetting("Identity:KeysPath", Path.Combine(_folder, "keys"));
        builder.UseSetting("Mail:Path", MailFolder);
        builder.UseSetting("Identity:PublicOrigin", PublicOrigin);
        builder.UseSetting("Identity:DevCredentialsPath", DevCredentialsPath);
        builder.UseSetting("Webhooks:AllowPrivateTargets", "true");
        builder.UseSetting("Learner:InvitationUrl", PublicOrigin + "/account/register");

        // A stream per host: the fixtures of this test run share one Redis, and one consumer group on a shared stream
        // would hand one host's events to another host's consumer (with another database, and no such endpoint).
        builder.UseSetting("Events:Stream", $"test:events:{Guid.NewGuid():N}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>A client like a browser: keeps cookies, shows redirects instead of following them.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public OidcTestClient Oidc() => new(Browser());

    public DevCredentials.User User(string email) => Credentials.Users.Single(u => u.Email == email);

    public DevCredentials.Client PartnerClient(string slug) => Credentials.Clients.Single(c => c.TenantSlug == slug);

    public string RedirectUri(string clientId) => Credentials.PublicClients.Single(c => c.ClientId == clientId).RedirectUri;

    /// <summary>Signs a seeded user in through a first-party app (the partner portal unless said otherwise).</summary>
    public async Task<TokenResponse> SignInAsync(string email, string scope = PortalScopes, string clientId = SampleTenants.PartnerPortalClientId,
        Func<string>? totp = null, string? password = null) =>
        await Oidc().SignInAsync(email, password ?? User(email).Password, clientId, RedirectUri(clientId), scope, totp);

    /// <summary>A GraphQL client of the gateway at <c>/graphql</c> carrying <paramref name="accessToken"/> (anonymous when null).</summary>
    public GraphQLHttpClient Gateway(string? accessToken = null)
    {
        var http = CreateClient();
        if (accessToken is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return new GraphQLHttpClient(http);
    }

    /// <summary>
    /// Puts an event on this host's stream as a service's outbox relay would: for events of services the platform does
    /// not have yet (the assessment service's <c>grade.posted</c>), whose consumers are already here.
    /// </summary>
    public async Task PublishEventAsync(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var stream = Services.GetRequiredService<IOptions<EventStreamOptions>>().Value.Stream;
        await Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().StreamAddAsync(stream,
            [new NameValueEntry("id", envelope.Id.ToString()), new NameValueEntry("type", envelope.Type), new NameValueEntry("envelope", envelope.ToJson())]);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
