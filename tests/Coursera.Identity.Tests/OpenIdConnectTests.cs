using System.Net;
using System.Text.Json.Nodes;
using Coursera.Identity.Data;
using Microsoft.AspNetCore.WebUtilities;

namespace Coursera.Identity.Tests;

/// <summary>The OpenID Connect server as clients meet it: discovery, the grants, tokens, revocation and introspection.</summary>
public sealed class OpenIdConnectTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task Discovery_advertises_S256_only_and_the_three_grants()
    {
        using var http = platform.CreateClient();
        var discovery = JsonNode.Parse(await http.GetStringAsync("/.well-known/openid-configuration"))!;

        Assert.Equal(["S256"], discovery["code_challenge_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"],
            discovery["grant_types_supported"]!.AsArray().Select(g => g!.GetValue<string>()).Order());
        foreach (var endpoint in new[] { "token_endpoint", "authorization_endpoint", "revocation_endpoint", "introspection_endpoint", "userinfo_endpoint", "end_session_endpoint", "jwks_uri" })
        {
            Assert.NotNull(discovery[endpoint]);
        }
    }

    [Fact]
    public async Task A_plain_code_challenge_is_refused()
    {
        using var browser = platform.Browser();
        var response = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = SampleTenants.LearnerAppClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = platform.RedirectUri(SampleTenants.LearnerAppClientId),
            ["scope"] = "openid",
            ["code_challenge"] = new string('a', 43),
            ["code_challenge_method"] = "plain",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("invalid_request", body, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_credentials_token_is_a_signed_15_minute_jwt_naming_the_client_its_partner_and_scopes()
    {
        var client = platform.PartnerClient("northfield");
        var token = await platform.Oidc().ClientCredentialsAsync(client.ClientId, client.ClientSecret, "catalog:read webhooks:manage");
        var claims = token.Claims();

        Assert.Equal(client.ClientId, claims["sub"]!.GetValue<string>());
        Assert.Equal(SampleTenants.Partners[0].Id.ToString(), claims["partner_id"]!.GetValue<string>());
        Assert.Equal("catalog:read webhooks:manage", claims["scope"]!.GetValue<string>());
        Assert.Equal(15 * 60, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());

        // Signed (not encrypted) with a key the JWKS publishes.
        var header = JsonNode.Parse(WebEncoders.Base64UrlDecode(token.Access().Split('.')[0]))!;
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        using var http = platform.CreateClient();
        var keys = JsonNode.Parse(await http.GetStringAsync("/.well-known/jwks"))!["keys"]!.AsArray();
        Assert.Contains(keys, k => k!["kid"]!.GetValue<string>() == header["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_secret_or_a_scope_the_client_does_not_hold_gets_no_token()
    {
        var client = platform.PartnerClient("lakeside-tech");
        Assert.Equal("invalid_client", (await platform.Oidc().ClientCredentialsAsync(client.ClientId, "not-the-secret")).Error);
        var refused = await platform.Oidc().ClientCredentialsAsync(client.ClientId, client.ClientSecret, "enrollments:write");
        Assert.Null(refused.AccessToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("not allowed", refused.Body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_flow_issues_tokens_once_per_code_and_only_with_the_right_verifier()
    {
        var learner = platform.User("learner@acme.example");
        var redirect = platform.RedirectUri(SampleTenants.LearnerAppClientId);
        var oidc = platform.Oidc();

        var (code, verifier) = await oidc.AuthorizeAsync(learner.Email, learner.Password, SampleTenants.LearnerAppClientId, redirect, "openid profile");
        Assert.Equal("invalid_grant", (await oidc.ExchangeAsync(code, verifier[..^2] + "xx", SampleTenants.LearnerAppClientId, redirect)).Error);

        (code, verifier) = await oidc.AuthorizeAsync(learner.Email, learner.Password, SampleTenants.LearnerAppClientId, redirect, "openid profile");
        var tokens = await oidc.ExchangeAsync(code, verifier, SampleTenants.LearnerAppClientId, redirect);
        Assert.NotNull(tokens.IdToken);
        Assert.Contains("learner", tokens.Claims()["role"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("invalid_grant", (await oidc.ExchangeAsync(code, verifier, SampleTenants.LearnerAppClientId, redirect)).Error);
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_a_reused_one_revokes_the_whole_chain()
    {
        var first = await platform.SignInAsync("learner@acme.example", "openid offline_access catalog:read", SampleTenants.LearnerAppClientId);
        var oidc = platform.Oidc();

        var second = await oidc.RefreshAsync(SampleTenants.LearnerAppClientId, first.RefreshToken!);
        Assert.NotNull(second.AccessToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);

        // The first refresh token comes back: someone copied it. Everything issued from that sign-in is revoked.
        Assert.Equal("invalid_grant", (await oidc.RefreshAsync(SampleTenants.LearnerAppClientId, first.RefreshToken!)).Error);
        Assert.Equal("invalid_grant", (await oidc.RefreshAsync(SampleTenants.LearnerAppClientId, second.RefreshToken!)).Error);
    }

    [Fact]
    public async Task Userinfo_tells_what_the_granted_scopes_allow()
    {
        var tokens = await platform.SignInAsync("admin@acme.example", "openid profile email", SampleTenants.LearnerAppClientId);
        using var http = platform.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", tokens.Access());
        var info = JsonNode.Parse(await http.GetStringAsync("/connect/userinfo"))!;

        Assert.Equal("admin@acme.example", info["email"]!.GetValue<string>());
        Assert.Equal("Acme Learning Administrator", info["name"]!.GetValue<string>());
        Assert.Null(info["role"]);
    }

    [Fact]
    public async Task A_revoked_token_is_inactive_at_introspection()
    {
        var caller = platform.PartnerClient("kings-bridge");
        var oidc = platform.Oidc();
        var token = (await oidc.ClientCredentialsAsync(caller.ClientId, caller.ClientSecret)).Access();

        Assert.True((await IntrospectAsync(caller, token))["active"]!.GetValue<bool>());
        using var revoke = await Post(caller, "/connect/revoke", new() { ["token"] = token });
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.False((await IntrospectAsync(caller, token))["active"]!.GetValue<bool>());

        var admin = platform.Gateway((await platform.SignInAsync("admin@coursera.example")).Access());
        var log = (await admin.PostAsync("{ auditLog(first: 100) { nodes { type actorClientId } } }")).Ok()["auditLog"]!["nodes"]!.AsArray();
        Assert.Contains(log, e => e!["type"]!.GetValue<string>() == "token.revoked" && e["actorClientId"]?.GetValue<string>() == caller.ClientId);
    }

    [Fact]
    public async Task A_forged_token_is_refused_at_the_gateway_with_401_and_invalid_token()
    {
        var genuine = (await platform.Oidc().ClientCredentialsAsync(platform.PartnerClient("northfield").ClientId,
            platform.PartnerClient("northfield").ClientSecret)).Access();
        var parts = genuine.Split('.');
        var forgedClaims = JsonNode.Parse(WebEncoders.Base64UrlDecode(parts[1]))!;
        forgedClaims["partner_id"] = SampleTenants.Partners[1].Id.ToString();
        var forged = $"{parts[0]}.{WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(forgedClaims.ToJsonString()))}.{parts[2]}";

        using var http = platform.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = "{ __typename }" }),
        };
        request.Headers.Authorization = new("Bearer", forged);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> IntrospectAsync(Data.DevCredentials.Client caller, string token)
    {
        using var response = await Post(caller, "/connect/introspect", new() { ["token"] = token });
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<HttpResponseMessage> Post(Data.DevCredentials.Client caller, string path, Dictionary<string, string> form)
    {
        using var http = platform.CreateClient();
        form["client_id"] = caller.ClientId;
        form["client_secret"] = caller.ClientSecret;
        return await http.PostAsync(path, new FormUrlEncodedContent(form));
    }
}
