using System.Net;
using Coursera.Identity.Data;
using Coursera.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Identity.Tests;

/// <summary>Sessions beyond a single request: WebSocket connections that authenticate in <c>connection_init</c>, and signing out.</summary>
public sealed class SessionTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task A_websocket_client_authenticates_in_connection_init_and_a_bad_token_closes_with_4403()
    {
        var token = (await platform.SignInAsync("learner@acme.example", "openid email", SampleTenants.LearnerAppClientId)).Access();
        await using (var client = await GraphQLWebSocketClient.ConnectAndInitAsync(platform.Server, new { Authorization = $"Bearer {token}" }))
        {
            await client.SubscribeAsync("v", "{ viewer { email memberships { role } } }");
            var next = await client.ReceiveMessageAsync();
            Assert.Equal("learner@acme.example", next["payload"]!["data"]!["viewer"]!["email"]!.GetValue<string>());
        }

        await using var forged = await GraphQLWebSocketClient.ConnectAsync(platform.Server);
        await forged.SendAsync(new { type = "connection_init", payload = new { Authorization = token[..^4] + "AAAA" } });
        Assert.Equal(4403, await forged.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Signing_out_ends_the_session_so_the_next_authorization_asks_to_sign_in_again()
    {
        var learner = platform.User("learner@acme.example");
        var redirect = platform.RedirectUri(SampleTenants.LearnerAppClientId);
        var oidc = platform.Oidc();
        var tokens = await oidc.SignInAsync(learner.Email, learner.Password, SampleTenants.LearnerAppClientId, redirect, "openid");

        var endSession = QueryHelpers.AddQueryString("/connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.IdToken,
            ["post_logout_redirect_uri"] = "http://127.0.0.1:5173/",
        });
        using var ended = await oidc.Http.GetAsync(endSession);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal("http://127.0.0.1:5173/", ended.Headers.Location!.ToString());

        using var again = await oidc.Http.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = SampleTenants.LearnerAppClientId, ["response_type"] = "code", ["redirect_uri"] = redirect, ["scope"] = "openid",
            ["code_challenge"] = new string('y', 43), ["code_challenge_method"] = "S256",
        }));
        Assert.StartsWith("/account/login", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}

/// <summary>A third-party application asks the user first; our own applications do not.</summary>
public sealed class ConsentTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Redirect = "https://study-buddy.example/callback";

    [Theory]
    [InlineData("accept")]
    [InlineData("deny")]
    public async Task A_third_party_client_gets_a_code_only_after_the_user_allows_it(string answer)
    {
        var clientId = $"study-buddy-{answer}";
        using (var scope = platform.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Clients.FirstPartyClients>().RegisterAsync(clientId, "Study Buddy", new Uri(Redirect),
                new Uri("https://study-buddy.example/"), firstParty: false, ["catalog:read"], CancellationToken.None);
        }

        var learner = platform.User("learner@acme.example");
        var oidc = platform.Oidc();
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["response_type"] = "code", ["redirect_uri"] = Redirect, ["scope"] = "openid catalog:read",
            ["code_challenge"] = new string('z', 43), ["code_challenge_method"] = "S256", ["state"] = "s1",
        });
        using (await oidc.Http.GetAsync(authorize))
        {
        }

        using (var signedIn = await oidc.PostFormAsync("/account/login", new() { ["email"] = learner.Email, ["password"] = learner.Password, ["returnUrl"] = authorize }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var page = await oidc.Http.GetStringAsync(authorize);
        Assert.Contains("Allow Study Buddy to access your account?", page, StringComparison.Ordinal);
        Assert.Contains("catalog:read", page, StringComparison.Ordinal);

        var fields = QueryHelpers.ParseQuery(new Uri("http://x" + authorize).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
        fields["consent"] = answer;
        using var answered = await oidc.PostFormAsync(authorize, fields);
        var location = QueryHelpers.ParseQuery(answered.Headers.Location!.Query);
        Assert.StartsWith(Redirect, answered.Headers.Location!.ToString(), StringComparison.Ordinal);
        if (answer == "accept")
        {
            Assert.True(location.ContainsKey("code"));
        }
        else
        {
            Assert.Equal("access_denied", location["error"].ToString());
            Assert.False(location.ContainsKey("code"));
        }
    }
}
