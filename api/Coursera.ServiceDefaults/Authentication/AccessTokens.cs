using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Validation;

namespace Coursera.ServiceDefaults.Authentication;

/// <summary>
/// Validates an access token that did not come in the <c>Authorization</c> header (a WebSocket's
/// <c>connection_init</c>), with the same rules as the request pipeline.
/// </summary>
public static class AccessTokens
{
    /// <returns>The caller's principal, or null when the token does not validate or this service validates no tokens.</returns>
    public static async Task<ClaimsPrincipal?> ValidateAsync(IServiceProvider services, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<OpenIddictValidationService>() is not { } validation)
        {
            return null;
        }

        try
        {
            return await validation.ValidateAccessTokenAsync(token, cancellationToken);
        }
        catch (Exception e) when (e is OpenIddictExceptions.ProtocolException or OpenIddictExceptions.ValidationException)
        {
            return null;
        }
    }
}
