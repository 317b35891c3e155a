using Coursera.Identity.Audit;
using Coursera.Identity.Model;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Coursera.Identity.Account;

/// <summary>
/// <c>/account/login</c>: email and password. Five failures in a row lock the account for 15 minutes; an account with
/// two-factor authentication continues at <c>/account/mfa</c>. Every outcome goes to the audit log.
/// </summary>
internal static class LoginPage
{
    public static IResult Get(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Render(http, antiforgery, returnUrl, email: null, error: null, StatusCodes.Status200OK);

    public static async Task<IResult> PostAsync(HttpContext http, IAntiforgery antiforgery, UserManager<User> users, SignInManager<User> signIn,
        AuditLog audit)
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
            await audit.RecordAsync(AuditEvents.SignInFailed, detail: $"unknown email {email}", cancellationToken: http.RequestAborted);
            return Render(http, antiforgery, returnUrl, email, "Invalid email or password.", StatusCodes.Status400BadRequest);
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

        if (result.IsLockedOut)
        {
            await audit.RecordAsync(AuditEvents.LockedOut, subjectUserId: user.Id, cancellationToken: http.RequestAborted);
            return Render(http, antiforgery, returnUrl, email, "This account is locked after too many failed attempts. Try again later.",
                StatusCodes.Status423Locked);
        }

        if (result.IsNotAllowed)
        {
            // Only reached with the right password, so it tells nothing a guesser could use.
            await audit.RecordAsync(AuditEvents.SignInFailed, subjectUserId: user.Id, detail: "email not confirmed", cancellationToken: http.RequestAborted);
            return Render(http, antiforgery, returnUrl, email, "Confirm your email address first: follow the link we sent you.",
                StatusCodes.Status403Forbidden);
        }

        await audit.RecordAsync(AuditEvents.SignInFailed, subjectUserId: user.Id, detail: "wrong password", cancellationToken: http.RequestAborted);
        return Render(http, antiforgery, returnUrl, email, "Invalid email or password.", StatusCodes.Status400BadRequest);
    }

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
