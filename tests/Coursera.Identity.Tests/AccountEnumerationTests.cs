using System.Net;
using System.Text.RegularExpressions;
using Coursera.Identity.Data;
using Npgsql;

namespace Coursera.Identity.Tests;

/// <summary>
/// The account pages do not tell who has an account or in what state it is (review F9), keep no typed text of unknown
/// sign-ins (F20), and send mail without text a stranger chose (F19).
/// </summary>
public sealed partial class AccountEnumerationTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task A_wrong_password_an_unconfirmed_account_and_a_locked_account_get_the_same_answer()
    {
        // A confirmed account, and the wrong password.
        var confirmed = await NewLearner.CreateAsync(platform.Services);
        using var wrong = await platform.Oidc().PostFormAsync("/account/login", new() { ["email"] = confirmed.Email, ["password"] = "not the password" });

        // An account whose email was never confirmed, with its right password.
        var unconfirmed = $"unconfirmed-{Guid.NewGuid():N}@example.org";
        var registrant = platform.Oidc();
        using (await registrant.PostFormAsync("/account/register", new() { ["email"] = unconfirmed, ["displayName"] = "Unconfirmed", ["password"] = "the right passphrase" }))
        {
        }

        using var notConfirmed = await registrant.PostFormAsync("/account/login", new() { ["email"] = unconfirmed, ["password"] = "the right passphrase" });

        // A locked account, with its right password.
        var locked = await NewLearner.CreateAsync(platform.Services);
        var guesser = platform.Oidc();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var guess = await guesser.PostFormAsync("/account/login", new() { ["email"] = locked.Email, ["password"] = $"guess number {attempt}" });
            Assert.Equal(HttpStatusCode.BadRequest, guess.StatusCode);
        }

        using var lockedOut = await platform.Oidc().PostFormAsync("/account/login", new() { ["email"] = locked.Email, ["password"] = locked.Password });

        var answers = new[] { wrong, notConfirmed, lockedOut };
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        var alerts = await Task.WhenAll(answers.Select(async a => Alert().Match(await a.Content.ReadAsStringAsync()).Groups[1].Value));
        Assert.NotEmpty(alerts[0]);
        Assert.All(alerts, a => Assert.Equal(alerts[0], a));

        // Instead of being told, the unconfirmed account's owner gets a fresh link.
        Assert.Equal(2, Mails(unconfirmed).Count(m => m.Contains("/account/confirm-email", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Registering_a_taken_address_answers_like_a_new_one_and_mails_the_owner_instead()
    {
        var fresh = $"fresh-{Guid.NewGuid():N}@example.org";
        var owner = await NewLearner.CreateAsync(platform.Services);
        using var created = await platform.Oidc().PostFormAsync("/account/register",
            new() { ["email"] = fresh, ["displayName"] = "Someone", ["password"] = "a long enough passphrase" });
        using var taken = await platform.Oidc().PostFormAsync("/account/register",
            new() { ["email"] = owner.Email, ["displayName"] = "Someone", ["password"] = "a long enough passphrase" });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(await created.Content.ReadAsStringAsync(), await taken.Content.ReadAsStringAsync());
        Assert.Contains(Mails(owner.Email), m => m.Contains("Subject: You already have an account", StringComparison.Ordinal)
            && m.Contains(PlatformApp.PublicOrigin + "/account/forgot-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_sign_in_email_is_kept_only_as_a_keyed_hash()
    {
        // People type their password into the email field.
        var typed = $"MySecretPassphrase-{Guid.NewGuid():N}";
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var refused = await platform.Oidc().PostFormAsync("/account/login", new() { ["email"] = typed, ["password"] = "whatever it was" });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        await using var connection = new NpgsqlConnection(platform.ConnectionString);
        await connection.OpenAsync();
        await using (var raw = new NpgsqlCommand("SELECT count(*) FROM identity.audit_log WHERE strpos(lower(coalesce(detail, '')), lower($1)) > 0", connection))
        {
            raw.Parameters.Add(new NpgsqlParameter { Value = typed[^32..] });
            Assert.Equal(0L, (long)(await raw.ExecuteScalarAsync())!);
        }

        // The same input gives the same pseudonym, so repeated attempts still show up together.
        await using var latest = new NpgsqlCommand(
            "SELECT detail FROM identity.audit_log WHERE type = 'sign_in.failed' AND detail LIKE 'unknown email %' ORDER BY id DESC LIMIT 2", connection);
        var details = new List<string>();
        await using (var reader = await latest.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                details.Add(reader.GetString(0));
            }
        }

        Assert.Equal(2, details.Count);
        Assert.Equal(details[0], details[1]);
        Assert.Matches("^unknown email #[0-9a-f]{32}$", details[0]);
    }

    [Fact]
    public async Task Registration_mail_carries_no_text_the_registrant_chose_and_no_extra_header()
    {
        var email = $"target-{Guid.NewGuid():N}@example.org";
        using (var registered = await platform.Oidc().PostFormAsync("/account/register",
            new() { ["email"] = email, ["displayName"] = "Security alert: verify your account at https://evil.example/now", ["password"] = "a long enough passphrase" }))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        var confirmation = Assert.Single(Mails(email));
        Assert.DoesNotContain("evil.example", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("Security alert", confirmation, StringComparison.Ordinal);

        var marker = Guid.NewGuid().ToString("N");
        using var injected = await platform.Oidc().PostFormAsync("/account/register",
            new() { ["email"] = $"victim-{marker}@example.org\r\nBcc: attacker-{marker}@evil.example", ["displayName"] = "X", ["password"] = "a long enough passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, injected.StatusCode);
        Assert.DoesNotContain(AllMails(), m => m.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Account_pages_forbid_framing_scripts_sniffing_and_referrers()
    {
        using var http = platform.CreateClient();
        foreach (var path in new[] { "/account/login", "/account/register", "/account/mfa", "/account/forgot-password", "/account/reset-password?userId=x&code=y" })
        {
            using var page = await http.GetAsync(path);
            var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(page.Headers.GetValues("Referrer-Policy")));
            Assert.False(page.Headers.Contains("Strict-Transport-Security"), "HSTS only outside Development");
        }
    }

    private IEnumerable<string> AllMails() => Directory.Exists(platform.MailFolder)
        ? Directory.GetFiles(platform.MailFolder).Select(File.ReadAllText)
        : [];

    private List<string> Mails(string to) => [.. AllMails().Where(m => m.StartsWith($"To: {to}\n", StringComparison.Ordinal))];

    [GeneratedRegex("role=\"alert\"[^>]*>([^<]*)<")]
    private static partial Regex Alert();
}
