using Coursera.Identity.Model;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Coursera.Identity.Account;

/// <summary>Maps the account pages; plus the signed-in home page and sign-out.</summary>
internal static class AccountPages
{
    public static void MapAccountPages(this WebApplication app)
    {
        // Each POST checks its antiforgery token itself (IAntiforgery), since the forms are read by hand.
        app.MapGet(AccountPaths.Login, LoginPage.Get);
        app.MapPost(AccountPaths.Login, LoginPage.PostAsync).DisableAntiforgery();
        app.MapGet(AccountPaths.Mfa, MfaPage.Get);
        app.MapPost(AccountPaths.Mfa, MfaPage.PostAsync).DisableAntiforgery();
        app.MapGet(AccountPaths.Register, RegistrationPages.GetRegister);
        app.MapPost(AccountPaths.Register, RegistrationPages.PostRegisterAsync).DisableAntiforgery();
        app.MapGet(AccountPaths.ConfirmEmail, RegistrationPages.ConfirmEmailAsync);
        app.MapGet(AccountPaths.ForgotPassword, RegistrationPages.GetForgotPassword);
        app.MapPost(AccountPaths.ForgotPassword, RegistrationPages.PostForgotPasswordAsync).DisableAntiforgery();
        app.MapGet(AccountPaths.ResetPassword, RegistrationPages.GetResetPassword);
        app.MapPost(AccountPaths.ResetPassword, RegistrationPages.PostResetPasswordAsync).DisableAntiforgery();
        app.MapGet(AccountPaths.Home, HomeAsync);
        app.MapPost(AccountPaths.Logout, LogoutAsync).DisableAntiforgery();
    }

    private static async Task<IResult> HomeAsync(HttpContext http, IAntiforgery antiforgery, UserManager<User> users)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = result.Succeeded ? await users.GetUserAsync(result.Principal) : null;
        if (user is null)
        {
            return Results.Redirect(AccountPaths.Login);
        }

        return new Page("Your account")
            .Heading($"Signed in as {user.DisplayName}")
            .Paragraph(user.Email ?? "")
            .Form(http, antiforgery, AccountPaths.Logout, _ => { }, "Sign out")
            .Result();
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.Redirect(AccountPaths.Login);
    }
}
