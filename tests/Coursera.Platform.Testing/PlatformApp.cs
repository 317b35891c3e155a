using System.Net.Http.Headers;
using System.Text.Json;
using Coursera.Events;
using Coursera.Identity.Data;
using Coursera.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coursera.Platform.Testing;

/// <summary>
/// The all-in-one host as <c>./run.sh</c> starts it (gateway and every service) on a database of its own, seeded
/// with the sample catalog and the development accounts, whose generated secrets the tests read like a developer does.
/// </summary>
public class PlatformApp : ServiceApp<global::Program>
{
    public const string PortalScopes = "openid profile email roles offline_access catalog:read catalog:write";

    /// <summary>Where account mail links point, whatever Host header a request came with.</summary>
    public const string PublicOrigin = "https://learn.coursera.example";

    public PlatformApp()
        : this(socket: false)
    {
    }

    /// <param name="socket">On a loopback socket, for callers outside the test process (Stripe's webhooks).</param>
    protected PlatformApp(bool socket)
        : base(socket: socket)
    {
        _socket = socket;
        Settings["Catalog:Seed"] = "true";
        Settings["Identity:Seed"] = "true";
        Settings["Identity:KeysPath"] = Path.Combine(Folder, "keys");
        Settings["Mail:Path"] = MailFolder;
        Settings["Identity:PublicOrigin"] = PublicOrigin;
        Settings["Identity:DevCredentialsPath"] = DevCredentialsPath;
        Settings["Webhooks:AllowPrivateTargets"] = "true";
        Settings["Learner:InvitationUrl"] = PublicOrigin + "/account/register";

        // Videos live in the test's folder; transcoding the sample videos costs seconds of CPU, so only the tests of
        // playback ask for them.
        Settings["Media:Storage:LocalPath"] = Path.Combine(Folder, "media");
        Settings["SampleVideos:Enabled"] = "false";

        // The sample quizzes allow one attempt every 10.8 seconds instead of 3 every 8 hours: the journey waits for its next attempt.
        Settings["SampleAssessments:QuizAttemptsPerWindow"] = "1";
        Settings["SampleAssessments:QuizWindowHours"] = "0.003";
    }

    private readonly bool _socket;

    public DevCredentials Credentials { get; private set; } = null!;

    public string MailFolder => Path.Combine(Folder, "mail");

    public string DevCredentialsPath => Path.Combine(Folder, "dev-credentials.json");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Credentials = JsonSerializer.Deserialize<DevCredentials>(await File.ReadAllTextAsync(DevCredentialsPath))!;
    }

    /// <summary>A client like a browser: keeps cookies, shows redirects instead of following them.</summary>
    public HttpClient Browser() => _socket
        ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = new Uri(Address),
        }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public OidcTestClient Oidc() => new(Browser());

    public DevCredentials.User User(string email) => Credentials.Users.Single(u => u.Email == email);

    public DevCredentials.Client PartnerClient(string slug) => Credentials.Clients.Single(c => c.TenantSlug == slug);

    public string RedirectUri(string clientId) => Credentials.PublicClients.Single(c => c.ClientId == clientId).RedirectUri;

    /// <summary>Signs a seeded user in through a first-party app (the partner portal unless said otherwise).</summary>
    public async Task<TokenResponse> SignInAsync(string email, string scope = PortalScopes, string clientId = SampleTenants.PartnerPortalClientId,
        Func<string>? totp = null, string? password = null) =>
        await Oidc().SignInAsync(email, password ?? User(email).Password, clientId, RedirectUri(clientId), scope, totp);

    /// <summary>A new learner signed in through the learner app with the learner's scopes: the gateway with their token, and their id.</summary>
    public async Task<(GraphQLHttpClient Gateway, Guid Id)> NewLearnerAsync()
    {
        var learner = await NewLearner.CreateAsync(Services);
        var tokens = await SignInAsync(learner.Email, LearningPath.LearnerScopes, SampleTenants.LearnerAppClientId, password: learner.Password);
        return (Gateway(tokens.Access()), learner.Id);
    }

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
}
