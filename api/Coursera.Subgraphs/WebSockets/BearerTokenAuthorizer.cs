using Coursera.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http;

namespace Coursera.Subgraphs.WebSockets;

/// <summary>
/// Browsers cannot put headers on a WebSocket, so a client may send its access token in <c>connection_init</c>:
/// <c>{"Authorization": "Bearer …"}</c> (or the bare token). It is validated like a request's header, by the
/// service's authentication, and the connection then runs as that caller; the header also reaches the subgraphs the
/// gateway forwards to. A token that does not validate closes the connection with 4403. Without one, the connection
/// keeps the caller of the upgrade request (its header, or anonymous).
/// </summary>
public sealed class BearerTokenAuthorizer : IWebSocketConnectionAuthorizer
{
    public async ValueTask<bool> AuthorizeAsync(HttpContext http, IReadOnlyDictionary<string, object?>? payload)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = payload?.FirstOrDefault(p => string.Equals(p.Key, "authorization", StringComparison.OrdinalIgnoreCase)).Value as string;
        if (string.IsNullOrWhiteSpace(token))
        {
            return true;
        }

        const string Bearer = "Bearer ";
        token = (token.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? token[Bearer.Length..] : token).Trim();
        var principal = await AccessTokens.ValidateAsync(http.RequestServices, token, http.RequestAborted).ConfigureAwait(false);
        if (principal is null)
        {
            return false; // does not validate, or this service has no way to check it: refused, not ignored
        }

        // As if it had come in the header: the gateway forwards the header to the subgraphs.
        http.Request.Headers.Authorization = Bearer + token;
        http.User = principal;
        return true;
    }
}
