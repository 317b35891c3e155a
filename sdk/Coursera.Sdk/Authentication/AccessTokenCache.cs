using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Coursera.Sdk.Authentication;

/// <summary>
/// The API client's access token (OAuth 2.0 client credentials at <c>{BaseUrl}/connect/token</c>): fetched when first
/// needed, kept until shortly before it expires, and fetched once however many requests are waiting for it. One per
/// client registration, outliving the message handlers that the HTTP client factory recycles.
/// </summary>
internal sealed class AccessTokenCache(IOptions<CourseraClientOptions> options, TimeProvider clock) : IDisposable
{
    /// <summary>A token is renewed this long before it expires (half its lifetime for a shorter-lived one).</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private Token? _current;

    public bool Enabled => options.Value.Authenticates;

    /// <summary>
    /// A token valid for a while yet. <paramref name="rejected"/> is one the API refused: a new token is fetched unless
    /// another request already replaced it.
    /// </summary>
    /// <param name="send">Sends the token request on the transport below the caller's handler.</param>
    /// <param name="rejected">The token the API refused, or null.</param>
    /// <param name="cancellationToken">Stops the wait for the token.</param>
    public async Task<string> GetAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, string? rejected,
        CancellationToken cancellationToken)
    {
        if (Usable(_current, rejected) is { } fresh)
        {
            return fresh;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (Usable(_current, rejected) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            _current = await FetchAsync(send, cancellationToken);
            return _current.Value;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose() => _fetching.Dispose();

    private string? Usable(Token? token, string? rejected) =>
        token is not null && token.Value != rejected && clock.GetUtcNow() < token.RenewAt ? token.Value : null;

    private async Task<Token> FetchAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.ClientId!,
            ["client_secret"] = settings.ClientSecret!,
        };
        if (settings.Scopes is { Count: > 0 } scopes)
        {
            form["scope"] = string.Join(' ', scopes);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        var requestedAt = clock.GetUtcNow();
        using var response = await send(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500)
        {
            // An HttpRequestException is transient to the retry pipeline above: the whole attempt is tried again.
            throw new HttpRequestException($"The token endpoint answered {status}.", null, response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new CourseraApiException("The token endpoint refused the API client's credentials.", status, body, ResponseHeaders.Of(response), null);
        }

        using var json = JsonDocument.Parse(body);
        var accessToken = json.RootElement.GetProperty("access_token").GetString()
            ?? throw new CourseraApiException("The token endpoint answered without an access token.", status, body, ResponseHeaders.Of(response), null);
        var lifetime = json.RootElement.TryGetProperty("expires_in", out var expiresIn) && expiresIn.TryGetInt32(out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : RenewBefore;

        // Counted from before the request, so the token is never held longer than the server meant.
        var margin = lifetime > 2 * RenewBefore ? RenewBefore : lifetime / 2;
        return new Token(accessToken, requestedAt + lifetime - margin);
    }

    private sealed record Token(string Value, DateTimeOffset RenewAt);
}
