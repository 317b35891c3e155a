using System.Net;
using System.Security.Cryptography;
using System.Text;
using Coursera.Identity.Data;
using Coursera.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Coursera.Identity.Tests;

/// <summary>
/// Tokens say when the user last proved who they are (<c>auth_time</c>), and <c>max_age=0</c> really asks again
/// (security review F10); the second factor's changes are mailed to the owner.
/// </summary>
public sealed class SignInTimeTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task Tokens_keep_the_sign_in_time_through_refreshes_and_max_age_0_asks_for_a_new_sign_in()
    {
        var user = platform.User("admin@lakeside-tech.example");
        var client = SampleTenants.PartnerPortalClientId;
        var redirect = platform.RedirectUri(client);
        var oidc = platform.Oidc();
        var first = await oidc.SignInAsync(user.Email, user.Password, client, redirect, PlatformApp.PortalScopes);
        var signedInAt = first.Claims()["auth_time"]!.GetValue<long>();
        Assert.InRange(signedInAt, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(signedInAt, (await oidc.RefreshAsync(client, first.RefreshToken!)).Claims()["auth_time"]!.GetValue<long>());

        // The next second, so that a new sign-in has a later time (auth_time counts whole seconds).
        while (DateTimeOffset.UtcNow.ToUnixTimeSeconds() <= signedInAt)
        {
            await Task.Delay(100);
        }

        // The browser's session answers without asking, and the tokens keep the old time.
        var (silentCode, silentVerifier) = await oidc.AuthorizeAsync(user.Email, user.Password, client, redirect, PlatformApp.PortalScopes);
        Assert.Equal(signedInAt, (await oidc.ExchangeAsync(silentCode, silentVerifier, client, redirect)).Claims()["auth_time"]!.GetValue<long>());

        // max_age=0: the login page again, then a code with the new time.
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = client, ["response_type"] = "code", ["redirect_uri"] = redirect, ["scope"] = PlatformApp.PortalScopes, ["max_age"] = "0",
            ["code_challenge"] = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), ["code_challenge_method"] = "S256",
        });
        string login;
        using (var asked = await oidc.Http.GetAsync(authorize))
        {
            login = asked.Headers.Location!.OriginalString;
        }

        Assert.StartsWith("/account/login", login, StringComparison.Ordinal);
        var returnUrl = QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), login).Query)["returnUrl"].ToString();
        string back;
        using (var signedIn = await oidc.PostFormAsync("/account/login", new() { ["email"] = user.Email, ["password"] = user.Password, ["returnUrl"] = returnUrl }))
        {
            back = signedIn.Headers.Location!.OriginalString;
        }

        string code;
        using (var issued = await oidc.Http.GetAsync(back))
        {
            Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
            Assert.StartsWith(redirect, issued.Headers.Location!.ToString(), StringComparison.Ordinal);
            code = QueryHelpers.ParseQuery(issued.Headers.Location!.Query)["code"].ToString();
        }

        var fresh = await oidc.ExchangeAsync(code, verifier, client, redirect);
        Assert.True(fresh.Claims()["auth_time"]!.GetValue<long>() > signedInAt);
        Assert.Contains("auth_time", Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(fresh.IdToken!.Split('.')[1])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_two_factor_on_and_off_is_mailed_to_the_owner()
    {
        var learner = await NewLearner.CreateAsync(platform.Services);
        var me = platform.Gateway((await platform.SignInAsync(learner.Email, "openid profile", SampleTenants.LearnerAppClientId, password: learner.Password))
            .Access());
        var key = (await me.PostAsync("mutation { beginTotpEnrollment { sharedKey errors { code } } }")).Ok()["beginTotpEnrollment"]!["sharedKey"]!
            .GetValue<string>();
        var recovery = (await me.PostAsync("mutation($code: String!) { confirmTotpEnrollment(input: {code: $code}) { recoveryCodes errors { code } } }",
            new { code = Totp.Code(key) })).Ok()["confirmTotpEnrollment"]!["recoveryCodes"]![0]!.GetValue<string>();
        Assert.Contains(MailsTo(learner.Email), m => m.Contains("Two-factor authentication is on", StringComparison.Ordinal));

        var disabled = (await me.PostAsync("mutation($code: String!) { disableTwoFactor(input: {code: $code}) { errors { code } } }", new { code = recovery }))
            .Ok()["disableTwoFactor"]!;
        Assert.Empty(disabled["errors"]!.AsArray());
        Assert.Contains(MailsTo(learner.Email), m => m.Contains("Two-factor authentication is off", StringComparison.Ordinal));
    }

    private IEnumerable<string> MailsTo(string email) =>
        Directory.GetFiles(platform.MailFolder).Select(File.ReadAllText).Where(m => m.Contains($"To: {email}", StringComparison.Ordinal));
}

/// <summary>A platform where no sign-in counts as recent (the window is zero), as for a token used long after its sign-in.</summary>
public sealed class StaleSignInPlatform : PlatformApp
{
    public StaleSignInPlatform() => Settings["Identity:ReauthenticationWindow"] = "00:00:00";
}

/// <summary>Without a recent sign-in, what could keep a taken-over account is refused with a code the client acts on, and nothing changes.</summary>
public sealed class RecentSignInTests(StaleSignInPlatform platform) : IClassFixture<StaleSignInPlatform>
{
    [Fact]
    public async Task Two_factor_and_api_client_secrets_need_a_recent_sign_in_and_nothing_changes_without_one()
    {
        var learner = await NewLearner.CreateAsync(platform.Services);
        var me = platform.Gateway((await platform.SignInAsync(learner.Email, "openid profile", SampleTenants.LearnerAppClientId, password: learner.Password))
            .Access());
        Assert.Equal("REAUTHENTICATION_REQUIRED", (await me.PostAsync("mutation { beginTotpEnrollment { sharedKey errors { code } } }")).ErrorCode());
        Assert.Equal("REAUTHENTICATION_REQUIRED",
            (await me.PostAsync("mutation { regenerateRecoveryCodes(input: {code: \"000000\"}) { recoveryCodes errors { code } } }")).ErrorCode());
        Assert.False((await me.PostAsync("{ viewer { twoFactorEnabled } }")).Ok()["viewer"]!["twoFactorEnabled"]!.GetValue<bool>());

        var admin = platform.Gateway((await platform.SignInAsync("admin@lakeside-tech.example")).Access());
        var lakeside = SampleTenants.Partners[1].Id.ToString();
        Assert.Equal("REAUTHENTICATION_REQUIRED", (await admin.PostAsync(
            "mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { clientSecret errors { code } } }",
            new { input = new { tenantId = lakeside, name = "Stale", scopes = new[] { "catalog:read" } } })).ErrorCode());
        var existing = platform.PartnerClient("lakeside-tech");
        Assert.Equal("REAUTHENTICATION_REQUIRED", (await admin.PostAsync(
            "mutation($id: String!) { rotateApiClientSecret(input: {clientId: $id}) { clientSecret errors { code } } }", new { id = existing.ClientId })).ErrorCode());

        Assert.DoesNotContain("Stale", (await admin.PostAsync($"{{ tenant(id: \"{lakeside}\") {{ apiClients {{ name }} }} }}")).Ok().ToJsonString(),
            StringComparison.Ordinal);
        Assert.NotNull((await platform.Oidc().ClientCredentialsAsync(existing.ClientId, existing.ClientSecret)).AccessToken);
    }
}
