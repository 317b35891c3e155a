using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Validation.AspNetCore;

namespace Coursera.ServiceDefaults.Authentication;

/// <summary>
/// Every service validates access tokens itself (signature, issuer, lifetime) with OpenIddict's validation. Where the
/// identity server runs in the same process (the all-in-one host), it validates against the local server; elsewhere
/// <c>Identity:Authority</c> names the issuer, whose discovery document and signing keys are fetched over HTTP and
/// cached. A request without a token is anonymous; what an anonymous caller may do is each service's decision.
/// </summary>
internal static class TokenValidation
{
    public const string AuthorityKey = "Identity:Authority";

    public static void AddTokenValidation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            options.DefaultAuthenticateScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
        });
        builder.Services.AddAuthorization();
        if (builder.Configuration[AuthorityKey] is { Length: > 0 } authority)
        {
            builder.Services.AddOpenIddict().AddValidation(options =>
            {
                options.SetIssuer(new Uri(authority));
                options.UseSystemNetHttp();
                options.UseAspNetCore();
            });
        }
    }
}
