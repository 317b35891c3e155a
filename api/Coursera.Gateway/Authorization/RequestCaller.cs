using Coursera.Federation.Authorization;
using Coursera.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Coursera.Gateway.Authorization;

/// <summary>
/// The caller of an HTTP or WebSocket request as the supergraph's authorization directives see it: signed in when the
/// access token validated, the token's scopes for <c>@requiresScopes</c>, and each <c>@policy</c> name decided by the
/// ASP.NET Core authorization policy of that name (a name no policy is registered under is never granted).
/// </summary>
internal static class RequestCaller
{
    public static GatewayCaller From(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        var scopes = authenticated
            ? user.FindAll(CourseraClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            : [];
        return new GatewayCaller(authenticated, scopes, async (policy, _) =>
        {
            var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
            var provider = http.RequestServices.GetRequiredService<IAuthorizationPolicyProvider>();
            return await provider.GetPolicyAsync(policy) is { } known && (await authorization.AuthorizeAsync(user, known)).Succeeded;
        });
    }
}
