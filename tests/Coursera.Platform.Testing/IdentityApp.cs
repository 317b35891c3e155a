using System.Text.Json;
using Coursera.Identity.Data;
using Coursera.Testing;

namespace Coursera.Platform.Testing;

/// <summary>
/// The identity service by its own Program on a loopback socket, seeded with the development accounts: the token
/// issuer for tests of another service, which knows it only by <c>Identity:Authority</c> (<see cref="Authority"/>).
/// </summary>
public sealed class IdentityApp : ServiceApp<Coursera.Identity.Program>
{
    public IdentityApp(string? database = null)
        : base(database: database, socket: true)
    {
        Settings["Identity:MigrateOnStart"] = "true";
        Settings["Identity:Seed"] = "true";
        Settings["Identity:KeysPath"] = Path.Combine(Folder, "keys");
        Settings["Mail:Path"] = Path.Combine(Folder, "mail");
        Settings["Identity:DevCredentialsPath"] = DevCredentialsPath;
    }

    public string DevCredentialsPath => Path.Combine(Folder, "dev-credentials.json");

    public DevCredentials Credentials { get; private set; } = null!;

    /// <summary>What another service sets as <c>Identity:Authority</c>.</summary>
    public string Authority => Address;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Credentials = JsonSerializer.Deserialize<DevCredentials>(await File.ReadAllTextAsync(DevCredentialsPath))!;
    }

    /// <summary>
    /// A client of the identity server that keeps cookies and shows redirects (a browser signing in), at
    /// <see cref="Authority"/>: the issuer a token names is the origin it was asked at.
    /// </summary>
    public HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = new Uri(Authority),
        };

    /// <summary>A seeded user's access token through a first-party app.</summary>
    public Task<string> UserTokenAsync(string email, string scope, string client = SampleTenants.PartnerPortalClientId) =>
        SignInAsync(email, Credentials.Users.Single(u => u.Email == email).Password, scope, client);

    /// <summary>
    /// A new account with its email confirmed, signed in through the learner app: its id and access token (for tests
    /// that need many learners, such as peer review).
    /// </summary>
    public async Task<(Guid Id, string Token)> NewLearnerAsync(string scope = "openid profile")
    {
        var learner = await NewLearner.CreateAsync(Services);
        return (learner.Id, await SignInAsync(learner.Email, learner.Password, scope, SampleTenants.LearnerAppClientId));
    }

    /// <summary>Signs in through a first-party app as a browser would (authorization code with PKCE); the access token.</summary>
    private async Task<string> SignInAsync(string email, string password, string scope, string client)
    {
        var redirect = Credentials.PublicClients.Single(c => c.ClientId == client).RedirectUri;
        using var browser = Browser();
        return (await new OidcTestClient(browser).SignInAsync(email, password, client, redirect, scope)).Access();
    }

    /// <summary>A seeded partner API client's access token (all its scopes unless <paramref name="scope"/> narrows them).</summary>
    public async Task<string> ApiClientTokenAsync(string partnerSlug, string? scope = null)
    {
        var client = Credentials.Clients.Single(c => c.TenantSlug == partnerSlug);
        using var http = new HttpClient { BaseAddress = new Uri(Authority) };
        return (await new OidcTestClient(http).ClientCredentialsAsync(client.ClientId, client.ClientSecret, scope)).Access();
    }
}
