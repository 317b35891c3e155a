using System.Net;
using Coursera.Identity.Data;
using Coursera.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Coursera.Identity.Tests;

/// <summary>Sessions beyond a single request: WebSocket connections that authenticate in <c>connection_init</c>, and signing out.</summary>
public sealed class SessionTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task A_websocket_client_authenticates_in_connection_init_and_a_bad_token_closes_with_4403()
    {
        var token = (await platform.SignInAsync("learner@acme.example", "openid", SampleTenants.LearnerAppClientId)).Access();
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
