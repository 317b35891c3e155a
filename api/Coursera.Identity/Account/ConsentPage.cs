using Coursera.Identity.Connect;
using Microsoft.AspNetCore.Antiforgery;

namespace Coursera.Identity.Account;

/// <summary>
/// Asks the user whether a client that is not ours may act for them with the scopes it asked for; the answer posts
/// back to the authorization endpoint with the original request's parameters. First-party clients never see it.
/// </summary>
internal static class ConsentPage
{
    public static IResult Render(HttpContext http, IAntiforgery antiforgery, string clientName, IEnumerable<string> scopes)
    {
        var parameters = (http.Request.HasFormContentType ? http.Request.Form.AsEnumerable() : http.Request.Query)
            .Where(p => p.Key is not (AuthorizeEndpoint.ConsentField or "__RequestVerificationToken"));
        return new Page("Allow access")
            .Heading($"Allow {clientName} to access your account?")
            .Paragraph($"It asks for: {string.Join(", ", scopes)}.")
            .Form(http, antiforgery, ConnectEndpoints.Authorize, f =>
            {
                foreach (var (name, values) in parameters)
                {
                    f.Hidden(name, values.ToString());
                }

                f.Button(AuthorizeEndpoint.ConsentField, "accept", "Allow");
                f.Button(AuthorizeEndpoint.ConsentField, "deny", "Deny");
            }, submit: null)
            .Result();
    }
}
