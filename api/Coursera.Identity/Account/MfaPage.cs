using Coursera.Identity.Audit;
using Coursera.Identity.Model;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Coursera.Identity.Account;

/// <summary>
/// <c>/account/mfa</c>: the second step of a sign-in, a code from the authenticator app (each accepted once, see
/// <see cref="OneTimeAuthenticatorCodes"/>) or a recovery code. A locked account is refused before any code is looked
/// at, and wrong recovery codes count toward the lockout like wrong app codes (Identity does not count them itself).
/// </summary>
internal static class MfaPage
{
    public static IResult Get(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Render(http, antiforgery, returnUrl, error: null, StatusCodes.Status200OK);

    public static async Task<IResult> PostAsync(HttpContext http, IAntiforgery antiforgery, UserManager<User> users, SignInManager<User> signIn,
        AuditLog audit)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        var form = http.Request.Form;
        var returnUrl = form["returnUrl"].ToString();
        if (user is null)
        {
            return Results.Redirect(AccountPaths.Login + QueryString.Create("returnUrl", AccountPaths.SafeReturn(returnUrl)));
        }

        if (await users.IsLockedOutAsync(user))
        {
            return await LockedAsync(http, antiforgery, audit, user, returnUrl);
        }

        var code = form["code"].ToString().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var recovery = form["recoveryCode"].ToString().Trim();
        var result = recovery.Length > 0
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(recovery)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditEvents.SignInSucceeded, actorUserId: user.Id, detail: recovery.Length > 0 ? "with a recovery code" : "with TOTP",
                cancellationToken: http.RequestAborted);
            return Results.Redirect(AccountPaths.SafeReturn(returnUrl));
        }

        if (!result.IsLockedOut && recovery.Length > 0)
        {
            await users.AccessFailedAsync(user);
        }

        if (result.IsLockedOut || await users.IsLockedOutAsync(user))
        {
            return await LockedAsync(http, antiforgery, audit, user, returnUrl);
        }

        await audit.RecordAsync(AuditEvents.SignInFailed, subjectUserId: user.Id, detail: "wrong second factor", cancellationToken: http.RequestAborted);
        return Render(http, antiforgery, returnUrl, "That code is not valid.", StatusCodes.Status400BadRequest);
    }

    /// <summary>Past the password, so saying the account is locked tells nothing the person asking did not know.</summary>
    private static async Task<IResult> LockedAsync(HttpContext http, IAntiforgery antiforgery, AuditLog audit, User user, string returnUrl)
    {
        await audit.RecordAsync(AuditEvents.LockedOut, subjectUserId: user.Id, cancellationToken: http.RequestAborted);
        return Render(http, antiforgery, returnUrl, "This account is locked after too many failed attempts. Try again later.", StatusCodes.Status423Locked);
    }

    private static IResult Render(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, int status) =>
        new Page("Two-factor authentication")
            .Heading("Two-factor authentication")
            .Paragraph("Enter the 6-digit code from your authenticator app, or one of your recovery codes.")
            .Alert(error)
            .Form(http, antiforgery, AccountPaths.Mfa, f => f
                .Hidden("returnUrl", returnUrl)
                .Input("code", "Authenticator code", "text", autocomplete: "one-time-code")
                .Input("recoveryCode", "Or a recovery code", "text", autocomplete: "off"), "Verify")
            .Result(status);
}
