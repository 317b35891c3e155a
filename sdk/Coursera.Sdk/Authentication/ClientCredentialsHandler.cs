using System.Net;
using System.Net.Http.Headers;

namespace Coursera.Sdk.Authentication;

/// <summary>
/// Sends each request with the API client's bearer token. A 401 means the token was revoked or its signing key rotated
/// before it expired: the request is sent once more with a new token, and a second 401 reaches the caller. Token
/// requests go through the same transport, below this handler.
/// </summary>
internal sealed class ClientCredentialsHandler(AccessTokenCache tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!tokens.Enabled)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var token = await tokens.GetAsync(base.SendAsync, rejected: null, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        token = await tokens.GetAsync(base.SendAsync, rejected: token, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }
}
