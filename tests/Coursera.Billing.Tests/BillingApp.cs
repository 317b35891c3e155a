using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Coursera.Testing;
using StackExchange.Redis;

namespace Coursera.Billing.Tests;

/// <summary>
/// The billing service alone, by its own Program on a socket, with the Stripe emulator beside it (its Stripe API and
/// the sender of its webhooks) and the identity service issuing tokens. Two webhook secrets are configured, as during a
/// rotation; the emulator signs with the first.
/// </summary>
public sealed class BillingApp : ServiceApp<Coursera.Billing.Program>
{
    private IdentityApp? _identity;

    public BillingApp()
        : base(socket: true) // Stripe's events come over HTTP
    {
        Settings["Billing:MigrateOnStart"] = "true";
        Settings["Billing:Stripe:SecretKey"] = "sk_test_emulator";
        Settings["Billing:Stripe:WebhookSecrets:0"] = WebhookSecret;
        Settings["Billing:Stripe:WebhookSecrets:1"] = NextWebhookSecret;
        Settings["Events:IdleDelay"] = "00:00:00.010";
    }

    public StripeEmulatorApp Stripe { get; } = new();

    public string WebhookSecret { get; } = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string NextWebhookSecret { get; } = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public override async Task InitializeAsync()
    {
        _identity = new IdentityApp(await EnsureDatabaseAsync());
        await _identity.InitializeAsync();
        Settings["Identity:Authority"] = _identity.Authority;
        Settings["Billing:Stripe:ApiBase"] = Stripe.Address;
        await base.InitializeAsync();
        await Stripe.ControlAsync($"/_emulator/webhook-endpoint?url={Uri.EscapeDataString(Address + "/billing/stripe/webhook")}&secret={WebhookSecret}");
    }

    public GraphQLHttpClient Client(string? token = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(Address) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return new GraphQLHttpClient(http);
    }

    public async Task<(Guid Id, GraphQLHttpClient Client)> NewLearnerAsync()
    {
        var (id, token) = await _identity!.NewLearnerAsync();
        return (id, Client(token));
    }

    public async Task<GraphQLHttpClient> PlatformAdminAsync() => Client(await _identity!.UserTokenAsync("admin@coursera.example", "openid profile"));

    /// <summary>A seeded partner's API client (all its scopes) on the service's endpoint.</summary>
    public async Task<GraphQLHttpClient> PartnerClientAsync(string partnerSlug) => Client(await _identity!.ApiClientTokenAsync(partnerSlug));

    /// <summary>A seeded user (a partner's administrator, say) on the service's endpoint.</summary>
    public async Task<GraphQLHttpClient> UserAsync(string email) => Client(await UserTokenAsync(email));

    /// <summary>A seeded user's access token, for the service's plain HTTP endpoints.</summary>
    public async Task<string> UserTokenAsync(string email) => await _identity!.UserTokenAsync(email, "openid profile");

    /// <summary>The events billing published (its relay's stream), oldest first: type and data.</summary>
    public async Task<List<(string Type, JsonNode Data)>> PublishedAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestInfrastructure.Redis);
        var entries = await redis.GetDatabase().StreamRangeAsync(Stream);
        return [.. entries.Select(e => JsonNode.Parse(e["envelope"].ToString())!)
            .Select(envelope => (envelope["type"]!.GetValue<string>(), envelope["data"]!))];
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }
    }
}
