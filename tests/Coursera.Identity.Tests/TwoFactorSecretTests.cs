using System.Net;
using Coursera.Identity.Data;
using Npgsql;

namespace Coursera.Identity.Tests;

/// <summary>
/// Two-factor secrets at rest (review F7): the TOTP key is stored encrypted and recovery codes only hashed. And the
/// second step itself (F22): an app code is good once, and wrong recovery codes lock the account like wrong app codes.
/// </summary>
public sealed class TwoFactorSecretTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task Neither_the_authenticator_key_nor_a_recovery_code_is_readable_in_the_database()
    {
        var (learner, key, codes) = await EnrolAsync();

        var stored = await TokenValuesAsync(learner.Id);
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, v => v.Contains(key, StringComparison.OrdinalIgnoreCase));
        Assert.All(codes, code => Assert.DoesNotContain(stored, v => v.Contains(code, StringComparison.OrdinalIgnoreCase)));

        // What is stored still works: the app's next code, and a recovery code.
        Assert.NotNull((await platform.SignInAsync(learner.Email, LearningPath.LearnerScopes, SampleTenants.LearnerAppClientId,
            totp: () => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)), password: learner.Password))
            .AccessToken);
        using var recovered = await SecondStepAsync(learner, new() { ["recoveryCode"] = codes[3] });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
    }

    [Fact]
    public async Task An_authenticator_code_that_was_accepted_once_is_refused_the_second_time()
    {
        var (learner, key, _) = await EnrolAsync();
        var code = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));
        using (var first = await SecondStepAsync(learner, new() { ["code"] = code }))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var replayed = await SecondStepAsync(learner, new() { ["code"] = code });
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
    }

    [Fact]
    public async Task Wrong_recovery_codes_lock_the_account_and_a_locked_account_is_refused_at_the_second_step()
    {
        var (learner, _, codes) = await EnrolAsync();
        var oidc = platform.Oidc();
        using (var password = await oidc.PostFormAsync("/account/login", new() { ["email"] = learner.Email, ["password"] = learner.Password }))
        {
            Assert.StartsWith("/account/mfa", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await oidc.PostFormAsync("/account/mfa", new() { ["recoveryCode"] = $"AAAA{attempt}-BBBBB" });
            Assert.Equal(attempt < 5 ? HttpStatusCode.BadRequest : (HttpStatusCode)423, wrong.StatusCode);
        }

        using var right = await oidc.PostFormAsync("/account/mfa", new() { ["recoveryCode"] = codes[0] });
        Assert.Equal((HttpStatusCode)423, right.StatusCode);

        // The code was not spent by the refused attempt.
        Assert.Equal(10, await RecoveryCodeCountAsync(learner.Id));
    }

    [Fact]
    public async Task Recovery_codes_stored_in_plain_text_before_hashing_still_work_once()
    {
        var (learner, _, _) = await EnrolAsync();
        await using (var connection = new NpgsqlConnection(platform.ConnectionString))
        {
            await connection.OpenAsync();
            await using var plain = new NpgsqlCommand(
                "UPDATE identity.user_tokens SET value = 'PLAIN-CODE1;PLAIN-CODE2' WHERE user_id = $1 AND name = 'RecoveryCodes'", connection);
            plain.Parameters.Add(new NpgsqlParameter { Value = learner.Id });
            Assert.Equal(1, await plain.ExecuteNonQueryAsync());
        }

        using (var first = await SecondStepAsync(learner, new() { ["recoveryCode"] = "PLAIN-CODE1" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var again = await SecondStepAsync(learner, new() { ["recoveryCode"] = "PLAIN-CODE1" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    /// <summary>A new account with two-factor on: its authenticator key and its ten recovery codes.</summary>
    private async Task<(NewLearner Learner, string Key, List<string> Codes)> EnrolAsync()
    {
        var learner = await NewLearner.CreateAsync(platform.Services);
        var gateway = platform.Gateway((await platform.SignInAsync(learner.Email, LearningPath.LearnerScopes, SampleTenants.LearnerAppClientId,
            password: learner.Password)).Access());
        var key = (await gateway.PostAsync("mutation { beginTotpEnrollment { sharedKey errors { code } } }")).Ok()["beginTotpEnrollment"]!["sharedKey"]!
            .GetValue<string>();
        var codes = (await gateway.PostAsync("mutation($code: String!) { confirmTotpEnrollment(input: {code: $code}) { recoveryCodes errors { code } } }",
                new { code = Totp.Code(key) })).Ok()["confirmTotpEnrollment"]!["recoveryCodes"]!.AsArray()
            .Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(10, codes.Count);
        return (learner, key, codes);
    }

    /// <summary>Signs in with the password in a new browser, then answers the second step with <paramref name="fields"/>.</summary>
    private async Task<HttpResponseMessage> SecondStepAsync(NewLearner learner, Dictionary<string, string> fields)
    {
        var oidc = platform.Oidc();
        using (var password = await oidc.PostFormAsync("/account/login", new() { ["email"] = learner.Email, ["password"] = learner.Password }))
        {
            Assert.StartsWith("/account/mfa", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        return await oidc.PostFormAsync("/account/mfa", fields);
    }

    private async Task<List<string>> TokenValuesAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(value, '') FROM identity.user_tokens WHERE user_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<int> RecoveryCodeCountAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(array_length(string_to_array(value, ';'), 1), 0) FROM identity.user_tokens WHERE user_id = $1 AND name = 'RecoveryCodes'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
