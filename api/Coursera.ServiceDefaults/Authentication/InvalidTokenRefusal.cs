using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Validation.AspNetCore;
using StackExchange.Redis;

namespace Coursera.ServiceDefaults.Authentication;

/// <summary>
/// A request that presents a bearer token which fails validation (expired, forged, revoked, from another issuer) is
/// refused with 401 and <c>WWW-Authenticate: Bearer error="invalid_token"</c>, as RFC 6750 asks, instead of running
/// as anonymous: a client with a stale token learns to refresh it rather than getting fewer results than it should.
/// A valid token of a subject on the revocation list (<see cref="RevokedSubjects"/>: an erased account) is refused the same way.
/// </summary>
internal static class InvalidTokenRefusal
{
    public static void UseInvalidTokenRefusal(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (http.Request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && await http.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>()
                .GetSchemeAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme) is not null
            && (http.User.Identity?.IsAuthenticated != true || await IsRevokedAsync(http)))
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

    private static async Task<bool> IsRevokedAsync(HttpContext http)
    {
        if (http.User.FindFirst(CourseraClaims.Subject)?.Value is not { } subject || http.RequestServices.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            return false;
        }

        try
        {
            return await RevokedSubjects.IsRevokedAsync(redis, subject);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            // Redis down takes the event backbone with it; answering requests meanwhile beats refusing every one. The
            // learner service's tombstones still refuse an erased learner's operations.
            return false;
        }
    }
}
