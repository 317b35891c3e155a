using System.Net;
using System.Text.RegularExpressions;
using Coursera.Identity.Data;
using Npgsql;

namespace Coursera.Identity.Tests;

/// <summary>Signing in, lockout, self-service accounts and two-factor authentication, as a person meets them.</summary>
public sealed partial class AccountTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_every_attempt_is_audited()
    {
        var victim = platform.User("instructor@kings-bridge.example");
        var oidc = platform.Oidc();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await oidc.PostFormAsync("/account/login", new() { ["email"] = victim.Email, ["password"] = "not-the-password" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        // Locked: even the right password is refused now, with the answer a wrong one gets (the page tells no account's state).
        using var right = await oidc.PostFormAsync("/account/login", new() { ["email"] = victim.Email, ["password"] = victim.Password });
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);

        var admin = await platform.SignInAsync("admin@coursera.example");
        var log = (await platform.Gateway(admin.Access()).PostAsync("{ auditLog(first: 100) { nodes { type subjectUserId detail } } }")).Ok();
        var types = log["auditLog"]!["nodes"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()).ToList();
        Assert.True(types.Count(t => t == "sign_in.failed") >= 4, string.Join(", ", types));
        Assert.Contains("sign_in.locked_out", types);
        Assert.Contains("sign_in.succeeded", types);
    }

    [Fact]
    public async Task The_audit_log_refuses_changes_even_from_the_database_owner()
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO identity.audit_log (id, occurred_at, type) VALUES (gen_random_uuid(), now(), 'test.event')", connection))
        {
            await insert.ExecuteNonQueryAsync();
        }

        foreach (var statement in new[] { "UPDATE identity.audit_log SET type = 'rewritten'", "DELETE FROM identity.audit_log", "TRUNCATE identity.audit_log" })
        {
            await using var command = new NpgsqlCommand(statement, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Someone_registers_confirms_their_email_by_the_mailed_link_and_signs_in()
    {
        var email = $"new-{Guid.NewGuid():N}@example.org";
        var oidc = platform.Oidc();
        using var tooShort = await oidc.PostFormAsync("/account/register", new() { ["email"] = email, ["displayName"] = "New Person", ["password"] = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);

        using var registered = await oidc.PostFormAsync("/account/register",
            new() { ["email"] = email, ["displayName"] = "New Person", ["password"] = "a long enough passphrase" });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);

        var link = new Uri(MailedLink(email, "/account/confirm-email"));
        using var confirmed = await oidc.Http.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        var tokens = await oidc.SignInAsync(email, "a long enough passphrase", SampleTenants.LearnerAppClientId,
            platform.RedirectUri(SampleTenants.LearnerAppClientId), "openid profile email");
        var viewer = (await platform.Gateway(tokens.Access()).PostAsync("{ viewer { email displayName emailConfirmed memberships { role } } }")).Ok()["viewer"]!;
        Assert.Equal(email, viewer["email"]!.GetValue<string>());
        Assert.True(viewer["emailConfirmed"]!.GetValue<bool>());
        Assert.Empty(viewer["memberships"]!.AsArray());
    }

    [Fact]
    public async Task A_forgotten_password_is_replaced_through_the_mailed_link_once()
    {
        var email = $"forgetful-{Guid.NewGuid():N}@example.org";
        var oidc = platform.Oidc();
        using (await oidc.PostFormAsync("/account/register", new() { ["email"] = email, ["displayName"] = "Forgetful", ["password"] = "the first passphrase" }))
        {
        }

        using (var asked = await oidc.PostFormAsync("/account/forgot-password", new() { ["email"] = email }))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var link = new Uri(MailedLink(email, "/account/reset-password"));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        var fields = new Dictionary<string, string> { ["userId"] = query["userId"]!, ["code"] = query["code"]!, ["password"] = "the second passphrase" };
        using (var reset = await oidc.PostFormAsync(link.PathAndQuery, new(fields)))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }

        using (var again = await oidc.PostFormAsync(link.PathAndQuery, new(fields)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        }

        Assert.NotNull((await oidc.SignInAsync(email, "the second passphrase", SampleTenants.LearnerAppClientId,
            platform.RedirectUri(SampleTenants.LearnerAppClientId), "openid")).AccessToken);
    }

    [Fact]
    public async Task Two_factor_enrolment_then_sign_in_needs_the_app_or_a_recovery_code()
    {
        const string Email = "instructor@lakeside-tech.example";
        var gateway = platform.Gateway((await platform.SignInAsync(Email)).Access());
        var begun = (await gateway.PostAsync("mutation { beginTotpEnrollment { sharedKey authenticatorUri errors { code } } }")).Ok()["beginTotpEnrollment"]!;
        var key = begun["sharedKey"]!.GetValue<string>();
        Assert.StartsWith("otpauth://totp/Coursera:", begun["authenticatorUri"]!.GetValue<string>(), StringComparison.Ordinal);

        const string Confirm = "mutation($code: String!) { confirmTotpEnrollment(input: {code: $code}) { recoveryCodes errors { code } } }";
        Assert.Equal("INVALID_CODE", (await gateway.PostAsync(Confirm, new { code = "000000" })).Ok()["confirmTotpEnrollment"]!["errors"]![0]!["code"]!.GetValue<string>());
        var codes = (await gateway.PostAsync(Confirm, new { code = Totp.Code(key) })).Ok()["confirmTotpEnrollment"]!["recoveryCodes"]!.AsArray()
            .Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(10, codes.Count);

        // Password alone is no longer enough; the app's code is, and so is a recovery code, once.
        // The code of the next step: the one the enrolment accepted is spent.
        var withApp = await platform.SignInAsync(Email, totp: () => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        Assert.NotNull(withApp.AccessToken);
        var viewer = (await platform.Gateway(withApp.Access()).PostAsync("{ viewer { twoFactorEnabled } }")).Ok()["viewer"]!;
        Assert.True(viewer["twoFactorEnabled"]!.GetValue<bool>());

        var user = platform.User(Email);
        var oidc = platform.Oidc();
        var redirect = platform.RedirectUri(SampleTenants.PartnerPortalClientId);
        var authorize = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = SampleTenants.PartnerPortalClientId, ["response_type"] = "code", ["redirect_uri"] = redirect, ["scope"] = "openid",
            ["code_challenge"] = new string('x', 43), ["code_challenge_method"] = "S256",
        });
        using (await oidc.Http.GetAsync(authorize))
        {
        }

        using var password = await oidc.PostFormAsync("/account/login", new() { ["email"] = Email, ["password"] = user.Password, ["returnUrl"] = authorize });
        Assert.StartsWith("/account/mfa", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var recovered = await oidc.PostFormAsync(password.Headers.Location.OriginalString, new() { ["recoveryCode"] = codes[0], ["returnUrl"] = authorize });
        Assert.Equal(authorize, recovered.Headers.Location!.OriginalString);

        var log = (await platform.Gateway((await platform.SignInAsync("admin@coursera.example")).Access())
            .PostAsync("{ auditLog(first: 100) { nodes { type actorUserId } } }")).Ok()["auditLog"]!["nodes"]!.AsArray();
        Assert.Contains(log, n => n!["type"]!.GetValue<string>() == "mfa.enabled");
    }

    [Fact]
    public async Task Account_mail_links_point_at_the_public_origin_whatever_host_the_request_named()
    {
        var email = $"host-{Guid.NewGuid():N}@example.org";
        var oidc = platform.Oidc();
        using (await oidc.PostFormAsync("/account/register", new() { ["email"] = email, ["displayName"] = "Host", ["password"] = "a long enough passphrase" }))
        {
        }

        var page = await oidc.Http.GetStringAsync("/account/forgot-password");
        var token = System.Net.WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/account/forgot-password")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["__RequestVerificationToken"] = token }),
        };
        forged.Headers.Host = "evil.example";
        using (await oidc.Http.SendAsync(forged))
        {
        }

        Assert.StartsWith(PlatformApp.PublicOrigin + "/account/reset-password?", MailedLink(email, "/account/reset-password"), StringComparison.Ordinal);
        Assert.StartsWith(PlatformApp.PublicOrigin + "/account/confirm-email?", MailedLink(email, "/account/confirm-email"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unconfirmed_account_cannot_sign_in_so_it_cannot_collect_an_invitation_to_its_address()
    {
        // Someone registers an address that is not theirs, before its owner is invited as a partner administrator.
        var email = $"newhire-{Guid.NewGuid():N}@northfield.example";
        var attacker = platform.Oidc();
        using (await attacker.PostFormAsync("/account/register", new() { ["email"] = email, ["displayName"] = "Not Them", ["password"] = "attacker passphrase" }))
        {
        }

        var admin = platform.Gateway((await platform.SignInAsync("admin@northfield.example")).Access());
        (await admin.PostAsync("mutation($input: InviteUserInput!) { inviteUser(input: $input) { membership { role } errors { code } } }",
            new { input = new { tenantId = SampleTenants.Partners[0].Id.ToString(), email, role = "partner_admin" } })).Ok();

        using var refused = await attacker.PostFormAsync("/account/login", new() { ["email"] = email, ["password"] = "attacker passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task Sign_in_never_returns_the_browser_to_another_site(string returnUrl)
    {
        var user = platform.User("admin@universidad-del-sol.example");
        using var signedIn = await platform.Oidc().PostFormAsync("/account/login",
            new() { ["email"] = user.Email, ["password"] = user.Password, ["returnUrl"] = returnUrl.Replace("\\t", "\t", StringComparison.Ordinal) });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/account", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_new_password_ends_earlier_sign_ins_at_their_next_refresh()
    {
        var email = $"reset-{Guid.NewGuid():N}@example.org";
        var oidc = platform.Oidc();
        using (await oidc.PostFormAsync("/account/register", new() { ["email"] = email, ["displayName"] = "Resetter", ["password"] = "the first passphrase" }))
        {
        }

        using (await oidc.Http.GetAsync(new Uri(MailedLink(email, "/account/confirm-email")).PathAndQuery))
        {
        }

        var tokens = await oidc.SignInAsync(email, "the first passphrase", SampleTenants.LearnerAppClientId,
            platform.RedirectUri(SampleTenants.LearnerAppClientId), "openid offline_access");
        Assert.NotNull((await oidc.RefreshAsync(SampleTenants.LearnerAppClientId, tokens.RefreshToken!)).AccessToken);

        var fresh = await oidc.SignInAsync(email, "the first passphrase", SampleTenants.LearnerAppClientId,
            platform.RedirectUri(SampleTenants.LearnerAppClientId), "openid offline_access");
        using (await oidc.PostFormAsync("/account/forgot-password", new() { ["email"] = email }))
        {
        }

        var link = new Uri(MailedLink(email, "/account/reset-password"));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        using (await oidc.PostFormAsync(link.PathAndQuery, new() { ["userId"] = query["userId"]!, ["code"] = query["code"]!, ["password"] = "the second passphrase" }))
        {
        }

        Assert.Equal("invalid_grant", (await oidc.RefreshAsync(SampleTenants.LearnerAppClientId, fresh.RefreshToken!)).Error);
    }

    [Fact]
    public async Task A_malformed_link_is_a_clear_400_not_a_server_error()
    {
        using var http = platform.CreateClient();
        using var response = await http.GetAsync("/account/confirm-email?userId=not-an-id&code=x");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private string MailedLink(string to, string path)
    {
        var message = Directory.GetFiles(platform.MailFolder).Select(File.ReadAllText).Last(m => m.Contains($"To: {to}", StringComparison.Ordinal)
            && m.Contains(path, StringComparison.Ordinal));
        return Link().Matches(message).Select(m => m.Value).Last(l => l.Contains(path, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
