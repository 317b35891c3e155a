namespace Coursera.Identity.Account;

public static class AccountPaths
{
    public const string Home = "/account";
    public const string Login = "/account/login";
    public const string Mfa = "/account/mfa";
    public const string Logout = "/account/logout";
    public const string Register = "/account/register";
    public const string ConfirmEmail = "/account/confirm-email";
    public const string ForgotPassword = "/account/forgot-password";
    public const string ResetPassword = "/account/reset-password";

    /// <summary>
    /// Only a path on this server: a return URL is never allowed to send the user elsewhere. Control characters are
    /// refused too, since browsers drop them (<c>/\t/evil.example</c> would become <c>//evil.example</c>).
    /// </summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/'
            && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Any(c => char.IsControl(c) || c == '\\')
            ? returnUrl
            : Home;
}
