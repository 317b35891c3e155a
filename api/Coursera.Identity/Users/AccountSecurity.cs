using System.Text.Encodings.Web;
using Coursera.Identity.Audit;
using Coursera.Identity.Model;
using Coursera.Identity.Tenants;
using Coursera.ServiceDefaults.Authentication;
using Coursera.ServiceDefaults.Mail;
using Coursera.Subgraphs.UserErrors;
using Microsoft.AspNetCore.Identity;

namespace Coursera.Identity.Users;

/// <summary>
/// A user's own two-factor authentication (TOTP, RFC 6238): enrolment gives a shared key and an <c>otpauth://</c>
/// URI for the authenticator app, and is switched on only once a code from the app verifies; then ten recovery codes
/// are shown once. Switching it off, or new recovery codes, takes a current code. Every change needs a recent sign-in
/// (<see cref="RecentSignIn"/>), and the owner is mailed when two-factor goes on or off.
/// </summary>
public sealed class AccountSecurity(UserManager<User> users, AdministrationAccess access, AuditLog audit, RecentSignIn recentSignIn, IMailSender mail)
{
    private const string Issuer = "Coursera";

    public async Task<TotpEnrollment> BeginTotpEnrollmentAsync(Caller caller, CancellationToken cancellationToken)
    {
        var user = await UserAsync(caller, cancellationToken);
        if (user.TwoFactorEnabled)
        {
            return new TotpEnrollment(null, null, [new UserError("ALREADY_ENABLED", "Two-factor authentication is already on; turn it off first.", [])]);
        }

        // A new key each time enrolment starts: a key shown earlier but never confirmed is thrown away.
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var uri = $"otpauth://totp/{UrlEncoder.Default.Encode(Issuer)}:{UrlEncoder.Default.Encode(user.Email!)}"
            + $"?secret={key}&issuer={UrlEncoder.Default.Encode(Issuer)}&digits=6&period=30";
        return new TotpEnrollment(key, uri, []);
    }

    public async Task<RecoveryCodes> ConfirmTotpEnrollmentAsync(TwoFactorCodeInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = await UserAsync(caller, cancellationToken);
        if (user.TwoFactorEnabled)
        {
            return RecoveryCodes.Refused("ALREADY_ENABLED", "Two-factor authentication is already on.");
        }

        if (await users.GetAuthenticatorKeyAsync(user) is null)
        {
            return RecoveryCodes.Refused("NOT_STARTED", "Start the enrolment first (beginTotpEnrollment).");
        }

        if (await users.IsLockedOutAsync(user)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(input.Code)))
        {
            await users.AccessFailedAsync(user);
            return RecoveryCodes.Refused("INVALID_CODE", "That code is not valid; check the app's clock and try the current code.", "code");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await audit.RecordAsync(AuditEvents.MfaEnabled, actorUserId: user.Id, cancellationToken: cancellationToken);
        await mail.SendAsync(SecurityNotice.TwoFactorChanged(user, enabled: true), cancellationToken);
        return new RecoveryCodes([.. codes!], []);
    }

    public async Task<MutationPayload<User>> DisableAsync(TwoFactorCodeInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = await UserAsync(caller, cancellationToken);
        if (!user.TwoFactorEnabled)
        {
            return MutationPayload<User>.Refused(new UserError("NOT_ENABLED", "Two-factor authentication is not on.", []));
        }

        if (!await VerifyAsync(user, input.Code))
        {
            return MutationPayload<User>.Refused(UserError.For("INVALID_CODE", "That code is not valid.", "code"));
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(AuditEvents.MfaDisabled, actorUserId: user.Id, cancellationToken: cancellationToken);
        await mail.SendAsync(SecurityNotice.TwoFactorChanged(user, enabled: false), cancellationToken);
        return MutationPayload<User>.Changed(user);
    }

    public async Task<RecoveryCodes> RegenerateRecoveryCodesAsync(TwoFactorCodeInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = await UserAsync(caller, cancellationToken);
        if (!user.TwoFactorEnabled)
        {
            return RecoveryCodes.Refused("NOT_ENABLED", "Two-factor authentication is not on.");
        }

        if (!await VerifyAsync(user, input.Code))
        {
            return RecoveryCodes.Refused("INVALID_CODE", "That code is not valid.", "code");
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await audit.RecordAsync(AuditEvents.RecoveryCodesGenerated, actorUserId: user.Id, cancellationToken: cancellationToken);
        return new RecoveryCodes([.. codes!], []);
    }

    /// <summary>Failures count toward lockout like sign-in failures: a stolen token cannot be used to guess codes.</summary>
    private async Task<bool> VerifyAsync(User user, string code)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return false;
        }

        if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(code))
            || (await users.RedeemTwoFactorRecoveryCodeAsync(user, code.Trim())).Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user);
            return true;
        }

        await users.AccessFailedAsync(user);
        return false;
    }

    private static string Normalize(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    private async Task<User> UserAsync(Caller caller, CancellationToken cancellationToken)
    {
        var userId = await access.EnsureAccountOwnerAsync(caller, cancellationToken);
        recentSignIn.Ensure(caller);
        return await users.FindByIdAsync(userId.ToString())
            ?? throw Coursera.Subgraphs.Errors.GraphQLErrors.NotFound("The account no longer exists.");
    }
}

/// <summary>The shared key and <c>otpauth://</c> URI to put in an authenticator app (shown as text and as a QR code by the client).</summary>
public sealed record TotpEnrollment(string? SharedKey, string? AuthenticatorUri, IReadOnlyList<UserError> Errors);

/// <summary>Recovery codes, each good for one sign-in without the app; shown this once.</summary>
public sealed record RecoveryCodes(IReadOnlyList<string>? Codes, IReadOnlyList<UserError> Errors)
{
    public static RecoveryCodes Refused(string code, string message, params string[] field) =>
        new(null, [field.Length == 0 ? new UserError(code, message, []) : UserError.For(code, message, field)]);
}
