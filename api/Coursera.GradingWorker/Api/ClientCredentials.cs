using System.Text.Json.Serialization;

namespace Coursera.GradingWorker.Api;

/// <summary>
/// The worker's access token (OAuth 2.0 client credentials, scope <c>grading:work</c>), kept until shortly before it
/// expires so that a job costs no token request.
/// </summary>
internal sealed class ClientCredentials(GradingWorkerOptions options, HttpClient http, TimeProvider clock)
{
    public const string Scope = "grading:work";

    private Token? _token;

    public async Task<string> AccessTokenAsync(CancellationToken cancellationToken)
    {
        var token = _token;
        if (token is not null && clock.GetUtcNow() < token.RenewAt)
        {
            return token.AccessToken;
        }

        token = await RequestAsync(cancellationToken);
        _token = token;
        return token.AccessToken;
    }

    /// <summary>Forgets a token the endpoint no longer takes (revoked, or the signing keys changed).</summary>
    public void Reject(string accessToken)
    {
        if (_token?.AccessToken == accessToken)
        {
            _token = null;
        }
    }

    private async Task<Token> RequestAsync(CancellationToken cancellationToken)
    {
        var endpoint = new Uri(options.Authority!.AbsoluteUri.TrimEnd('/') + "/connect/token");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = options.ClientId,
            ["client_secret"] = options.ClientSecret,
            ["scope"] = Scope,
        });
        using var response = await http.PostAsync(endpoint, form, cancellationToken);
        var answer = await ReadAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(answer?.AccessToken))
        {
            throw new GradingApiException(
                $"The token endpoint {endpoint} refused client {options.ClientId} ({(int)response.StatusCode}): "
                + $"{answer?.Error ?? "no access token"} {answer?.ErrorDescription}".TrimEnd());
        }

        var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn is > 0 ? answer.ExpiresIn.Value : 60);
        // Renewed ahead of expiry, so that a token does not run out between being read here and checked there.
        var margin = TimeSpan.FromSeconds(Math.Min(30, lifetime.TotalSeconds / 2));
        return new Token(answer.AccessToken, clock.GetUtcNow() + lifetime - margin);
    }

    private static async Task<TokenAnswer?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record Token(string AccessToken, DateTimeOffset RenewAt);

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
