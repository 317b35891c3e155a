using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Coursera.Sdk.Tests.Doubles;

/// <summary>
/// Counts the SDK's token requests and, when asked, spoils the bearer token of the first API request, as if the
/// platform had revoked it: the platform itself answers that request with 401.
/// </summary>
public sealed class TokenWatch(HttpMessageHandler inner, bool spoilFirstToken = false) : DelegatingHandler(inner)
{
    private int _spoiled = spoilFirstToken ? 0 : 1;
    private int _tokenRequests;

    public int TokenRequests => _tokenRequests;

    /// <summary>The lifetime of the last token the platform issued (its <c>expires_in</c>).</summary>
    public TimeSpan TokenLifetime { get; private set; }

    /// <summary>The status of every answer from the API, in order.</summary>
    public ConcurrentQueue<int> ApiStatuses { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath == "/connect/token")
        {
            Interlocked.Increment(ref _tokenRequests);
            var issued = await base.SendAsync(request, cancellationToken);
            await issued.Content.LoadIntoBufferAsync(cancellationToken);
            using var token = JsonDocument.Parse(await issued.Content.ReadAsStringAsync(cancellationToken));
            TokenLifetime = TimeSpan.FromSeconds(token.RootElement.GetProperty("expires_in").GetInt32());
            return issued;
        }

        if (Interlocked.Exchange(ref _spoiled, 1) == 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "revoked-" + request.Headers.Authorization?.Parameter);
        }

        var response = await base.SendAsync(request, cancellationToken);
        ApiStatuses.Enqueue((int)response.StatusCode);
        return response;
    }
}
