using Coursera.Identity.Audit;
using Coursera.Identity.Model;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Coursera.Identity.Account;

/// <summary>
/// <c>/account/login</c>: email and password. Five failures in a row lock the account for 15 minutes; an account with
/// two-factor authentication continues at <c>/account/mfa</c>. Every outcome goes to the audit log. A wrong password,
/// an unknown email, an unconfirmed email and a locked account all get the same answer (status and words) and cost the
/// same password hash, so the page cannot be used to find accounts or tell their state; an unconfirmed account whose
/// password was right is sent a fresh confirmation link instead of being told.
/// </summary>
internal static class LoginPage
{
    /// <summary>The one answer to every refused sign-in: it covers each reason without saying which one applied.</summary>
    public const string Refusal =
        "That email and password did not work. If your email is not confirmed yet, we have sent you a new link; after several failed attempts, "
        + "sign-in pauses for a while.";

    public static IResult Get(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Render(http, antiforgery, returnUrl, email: null, error: null, StatusCodes.Status200OK);

    public static async Task<IResult> PostAsync(HttpContext http, IAntiforgery antiforgery, UserManager<User> users, SignInManager<User> signIn,
        AuditLog audit, AuditPseudonyms pseudonyms, MailedLinks links)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var form = http.Request.Form;
        var email = form["email"].ToString().Trim();
        var password = form["password"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        var user = email.Length == 0 ? null : await users.FindByEmailAsync(email);
        if (user is null)
        {
            // As slow as checking a real password, so the answer's timing does not tell which addresses have accounts.
            users.PasswordHasher.HashPassword(new User { DisplayName = "" }, password);
            await audit.RecordAsync(AuditEvents.SignInFailed, detail: $"unknown email {pseudonyms.Of(email)}", cancellationToken: http.RequestAborted);
            return Refused(http, antiforgery, returnUrl, email);
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditEvents.SignInSucceeded, actorUserId: user.Id, cancellationToken: http.RequestAborted);
            return Results.Redirect(AccountPaths.SafeReturn(returnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return Results.Redirect(AccountPaths.Mfa + QueryString.Create("returnUrl", AccountPaths.SafeReturn(returnUrl)));
        }

        if (result.IsLockedOut || result.IsNotAllowed)
        {
            // Identity refuses these before it looks at the password; checking it here keeps their timing that of a
            // wrong password, and tells whether the person asking is the one who registered.
            var passwordRight = await users.CheckPasswordAsync(user, password);
            if (result.IsLockedOut)
            {
                await audit.RecordAsync(AuditEvents.LockedOut, subjectUserId: user.Id, cancellationToken: http.RequestAborted);
                return Refused(http, antiforgery, returnUrl, email);
            }

            if (passwordRight && !user.EmailConfirmed)
            {
                await links.SendConfirmationAsync(http, user);
            }

            await audit.RecordAsync(AuditEvents.SignInFailed, subjectUserId: user.Id, detail: "email not confirmed", cancellationToken: http.RequestAborted);
            return Refused(http, antiforgery, returnUrl, email);
        }

        await audit.RecordAsync(AuditEvents.SignInFailed, subjectUserId: user.Id, detail: "wrong password", cancellationToken: http.RequestAborted);
        return Refused(http, antiforgery, returnUrl, email);
    }

    private static IResult Refused(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string email) =>
        Render(http, antiforgery, returnUrl, email, Refusal, StatusCodes.Status400BadRequest);

    private static IResult Render(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? email, string? error, int status) =>
        new Page("Sign in")
            .Heading("Sign in")
            .Alert(error)
            .Form(http, antiforgery, AccountPaths.Login, f => f
                .Hidden("returnUrl", returnUrl)
                .Input("email", "Email", "email", email, "username")
                .Input("password", "Password", "password", autocomplete: "current-password"), "Sign in")
            .Link(AccountPaths.ForgotPassword, "Forgot your password?")
            .Link(AccountPaths.Register, "Create an account")
            .Result(status);
}
