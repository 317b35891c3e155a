using Coursera.Identity.Audit;
using Coursera.Identity.Model;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Coursera.Identity.Account;

/// <summary>
/// Self-service accounts: registration with email confirmation, and password reset by emailed link. The answers never
/// say whether an email is registered, so the pages cannot be used to find accounts: registering a taken address answers
/// "check your email" like a new one, and the mail goes to the address's owner instead.
/// </summary>
internal static class RegistrationPages
{
    public static IResult GetRegister(HttpContext http, IAntiforgery antiforgery) => RenderRegister(http, antiforgery, null, null, [], StatusCodes.Status200OK);

    public static async Task<IResult> PostRegisterAsync(HttpContext http, IAntiforgery antiforgery, UserManager<User> users, MailedLinks links)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var form = http.Request.Form;
        var email = form["email"].ToString().Trim();
        var name = form["displayName"].ToString().Trim();
        if (name.Length == 0)
        {
            return RenderRegister(http, antiforgery, email, name, ["Enter your name."], StatusCodes.Status400BadRequest);
        }

        if (email.Any(char.IsControl))
        {
            return RenderRegister(http, antiforgery, email, name, ["Enter a valid email address."], StatusCodes.Status400BadRequest);
        }

        var user = new User { UserName = email, Email = email, DisplayName = name };
        var created = await users.CreateAsync(user, form["password"].ToString());
        if (!created.Succeeded)
        {
            // Only what the person typed can be wrong in a way worth saying; a taken address is not told apart.
            var taken = created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
            var mistakes = created.Errors
                .Where(e => e.Code is not (nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                .Select(e => e.Description).ToArray();
            if (mistakes.Length > 0)
            {
                return RenderRegister(http, antiforgery, email, name, mistakes, StatusCodes.Status400BadRequest);
            }

            if (taken && await users.FindByEmailAsync(email) is { } owner)
            {
                await links.SendAlreadyRegisteredAsync(http, owner);
            }
        }
        else
        {
            await links.SendConfirmationAsync(http, user);
        }

        return new Page("Check your email")
            .Heading("Check your email")
            .Paragraph("We sent a message to the address you gave. Follow its link to go on.")
            .Link(AccountPaths.Login, "Sign in")
            .Result();
    }

    public static async Task<IResult> ConfirmEmailAsync(UserManager<User> users, string? userId, string? code)
    {
        var user = Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        var confirmed = user is not null && code is not null && MailedLinks.Decode(code) is { } token && (await users.ConfirmEmailAsync(user, token)).Succeeded;
        return confirmed
            ? new Page("Email confirmed").Heading("Email confirmed").Link(AccountPaths.Login, "Sign in").Result()
            : new Page("Link not valid").Heading("This link is not valid").Paragraph("It may have expired or been used already.")
                .Result(StatusCodes.Status400BadRequest);
    }

    public static IResult GetForgotPassword(HttpContext http, IAntiforgery antiforgery) =>
        new Page("Forgot your password")
            .Heading("Forgot your password?")
            .Form(http, antiforgery, AccountPaths.ForgotPassword, f => f.Input("email", "Email", "email", autocomplete: "username"), "Send a reset link")
            .Result();

    public static async Task<IResult> PostForgotPasswordAsync(HttpContext http, IAntiforgery antiforgery, UserManager<User> users, MailedLinks links)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var user = await users.FindByEmailAsync(http.Request.Form["email"].ToString().Trim());
        if (user is not null)
        {
            await links.SendPasswordResetAsync(http, user);
        }

        return new Page("Check your email").Heading("Check your email")
            .Paragraph("If an account uses that address, a link to choose a new password is on its way.").Result();
    }

    public static IResult GetResetPassword(HttpContext http, IAntiforgery antiforgery, string? userId, string? code) =>
        RenderReset(http, antiforgery, userId, code, [], StatusCodes.Status200OK);

    public static async Task<IResult> PostResetPasswordAsync(HttpContext http, IAntiforgery antiforgery, UserManager<User> users, AuditLog audit)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var form = http.Request.Form;
        var userId = form["userId"].ToString();
        var code = form["code"].ToString();
        var user = Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        var token = MailedLinks.Decode(code);
        if (user is null || token is null)
        {
            return RenderReset(http, antiforgery, userId, code, ["This link is not valid."], StatusCodes.Status400BadRequest);
        }

        var reset = await users.ResetPasswordAsync(user, token, form["password"].ToString());
        if (!reset.Succeeded)
        {
            return RenderReset(http, antiforgery, userId, code, [.. reset.Errors.Select(e => e.Description)], StatusCodes.Status400BadRequest);
        }

        // The link came by mail, so whoever used it controls the address (an invitation is confirmed this way).
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        await audit.RecordAsync(AuditEvents.PasswordReset, actorUserId: user.Id, cancellationToken: http.RequestAborted);
        return new Page("Password changed").Heading("Your password was changed").Link(AccountPaths.Login, "Sign in").Result();
    }

    private static IResult RenderRegister(HttpContext http, IAntiforgery antiforgery, string? email, string? name, string[] errors, int status)
    {
        var page = new Page("Create an account").Heading("Create an account");
        foreach (var error in errors)
        {
            page.Alert(error);
        }

        return page.Form(http, antiforgery, AccountPaths.Register, f => f
                .Input("displayName", "Your name", "text", name, "name")
                .Input("email", "Email", "email", email, "username")
                .Input("password", "Password (at least 10 characters)", "password", autocomplete: "new-password"), "Create account")
            .Result(status);
    }

    private static IResult RenderReset(HttpContext http, IAntiforgery antiforgery, string? userId, string? code, string[] errors, int status)
    {
        var page = new Page("Choose a new password").Heading("Choose a new password");
        foreach (var error in errors)
        {
            page.Alert(error);
        }

        return page.Form(http, antiforgery, AccountPaths.ResetPassword, f => f
                .Hidden("userId", userId)
                .Hidden("code", code)
                .Input("password", "New password (at least 10 characters)", "password", autocomplete: "new-password"), "Change password")
            .Result(status);
    }
}
