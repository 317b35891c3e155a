using System.Security.Cryptography;
using System.Text;

namespace Coursera.Identity.Account;

/// <summary>
/// What every account page answers with besides its HTML: a content security policy that allows nothing but the page's
/// own style block (no script, no framing by other sites, so no clickjacking of the sign-in or consent forms), no MIME
/// sniffing, no referrer (reset and confirmation links carry their token in the query), no caching of pages that hold
/// antiforgery tokens, and, outside Development, HSTS.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The pages' only style; the policy names its hash, so no other inline style applies.</summary>
    public const string Style =
        "body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem } "
        + "label { display: block; margin-top: 1rem } input { width: 100%; padding: .4rem } "
        + "button { margin-top: 1.2rem; padding: .5rem 1rem } .error { color: #a00 }";

    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; "
        + "frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        if (!http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }
    }

    /// <summary>A page's result with the headers added just before it is written.</summary>
    public sealed class Secured(IResult page) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            Apply(httpContext);
            return page.ExecuteAsync(httpContext);
        }
    }
}
