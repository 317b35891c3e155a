using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Validation.AspNetCore;

namespace Coursera.ServiceDefaults.Authentication;

/// <summary>
/// A request that presents a bearer token which fails validation (expired, forged, revoked, from another issuer) is
/// refused with 401 and <c>WWW-Authenticate: Bearer error="invalid_token"</c>, as RFC 6750 asks, instead of running
/// as anonymous: a client with a stale token learns to refresh it rather than getting fewer results than it should.
/// </summary>
internal static class InvalidTokenRefusal
{
    public static void UseInvalidTokenRefusal(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (http.User.Identity?.IsAuthenticated != true
            && http.Request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && await http.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>()
                .GetSchemeAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme) is not null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "invalid_token",
                detail: "The access token is invalid or has expired; get a new one.").ExecuteAsync(http);
            return;
        }

        await next(http);
    });
}
