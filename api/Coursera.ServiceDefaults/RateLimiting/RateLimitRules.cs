using System.Security.Cryptography;
using System.Text;
using Coursera.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Coursera.ServiceDefaults.RateLimiting;

/// <summary>
/// The one place that says which counts a request is held to, by its path: the public API per caller, the token
/// endpoint per address and client, the account pages' form posts per address and per account, certificate lookups per
/// address. Paths no rule names (health, the subgraphs the gateway calls in process) are not counted.
/// </summary>
internal sealed class RateLimitRules(IOptionsMonitor<RateLimitingOptions> options)
{
    // Identity's AccountPaths and ConnectEndpoints: ServiceDefaults cannot reference identity, which references it.
    private static readonly PathString[] SignInPages = ["/account/login", "/account/mfa"];
    private static readonly PathString[] RegistrationPages = ["/account/register", "/account/forgot-password", "/account/reset-password"];
    private static readonly PathString TokenEndpoint = "/connect/token";
    private static readonly PathString[] ApiPaths = ["/graphql", "/v1"];
    private static readonly PathString Certificates = "/v1/certificates";

    public async ValueTask<List<RateLimitQuota>> QuotasAsync(HttpContext http)
    {
        var settings = options.CurrentValue;
        var quotas = new List<RateLimitQuota>();
        if (!settings.Enabled)
        {
            return quotas;
        }

        var path = http.Request.Path;
        var address = ClientAddress.Of(http);
        void Add(RateLimitPolicyOptions policy, string name, string dimension, int limit, string? subject)
        {
            if (limit > 0 && !string.IsNullOrEmpty(subject))
            {
                quotas.Add(new RateLimitQuota(settings.KeyPrefix, name, dimension, subject, limit, policy.Window));
            }
        }

        if (ApiPaths.Any(p => path.StartsWithSegments(p)))
        {
            // Signed-in callers count as themselves wherever they call from (a school behind one address is many
            // people); anonymous ones by address. A token that fails validation is refused later, so counts as anonymous.
            var caller = await CallerAsync(http);
            if (caller.IsApiClient)
            {
                Add(settings.Api, "api", "client", settings.Api.PerClient, caller.ClientId);
            }
            else if (caller.UserId is { } user)
            {
                Add(settings.Api, "api", "user", settings.Api.PerUser, user.ToString());
            }
            else
            {
                Add(settings.Api, "api", "address", settings.Api.PerAddress, address);
            }

            if (path.StartsWithSegments(Certificates))
            {
                Add(settings.Certificates, "certificates", "address", settings.Certificates.PerAddress, address);
            }
        }
        else if (path.StartsWithSegments(TokenEndpoint))
        {
            Add(settings.Token, "token", "address", settings.Token.PerAddress, address);
            Add(settings.Token, "token", "client", settings.Token.PerClient, await TokenClientAsync(http));
        }
        else if (HttpMethods.IsPost(http.Request.Method) && SignInPages.Any(p => path.StartsWithSegments(p)))
        {
            Add(settings.SignIn, "sign-in", "address", settings.SignIn.PerAddress, address);
            Add(settings.SignIn, "sign-in", "account", settings.SignIn.PerAccount, await AccountAsync(http));
        }
        else if (HttpMethods.IsPost(http.Request.Method) && RegistrationPages.Any(p => path.StartsWithSegments(p)))
        {
            Add(settings.Registration, "registration", "address", settings.Registration.PerAddress, address);
            Add(settings.Registration, "registration", "account", settings.Registration.PerAccount, await AccountAsync(http));
        }

        return quotas;
    }

    /// <summary>
    /// Who the bearer token says is calling. The limiter runs before the authentication middleware (so that a flood at
    /// the token endpoint is refused before client secrets are hashed), whose OpenIddict handler cannot run yet, so the
    /// token is validated here by the same rules (<see cref="AccessTokens"/>).
    /// </summary>
    private static async Task<Caller> CallerAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Caller.Anonymous;
        }

        var principal = await AccessTokens.ValidateAsync(http.RequestServices, header["Bearer ".Length..].Trim(), http.RequestAborted);
        return principal is null ? Caller.Anonymous : Caller.From(principal);
    }

    /// <summary>The client id of a token request: HTTP Basic credentials (RFC 6749 2.3.1) or the form's <c>client_id</c>.</summary>
    private static async Task<string?> TokenClientAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = credentials.IndexOf(':', StringComparison.Ordinal);
                return Uri.UnescapeDataString(colon < 0 ? credentials : credentials[..colon]);
            }
            catch (FormatException)
            {
                return null; // the token endpoint refuses it
            }
        }

        return await FormValueAsync(http, "client_id");
    }

    /// <summary>
    /// The account a form post names (its <c>email</c>), hashed: the counter's key in Redis should not be a list of the
    /// addresses people typed. Case and spaces do not make another account, as for the sign-in itself.
    /// </summary>
    private static async Task<string?> AccountAsync(HttpContext http)
    {
        var email = (await FormValueAsync(http, "email"))?.Trim();
        return string.IsNullOrEmpty(email)
            ? null
            : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.ToUpperInvariant())))[..32];
    }

    /// <summary>A field of a form post; the form is read once and kept for the endpoint, which reads it again.</summary>
    private static async Task<string?> FormValueAsync(HttpContext http, string field)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return form[field].ToString();
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return null; // a malformed or oversized form: the endpoint answers it with its own error
        }
    }
}
