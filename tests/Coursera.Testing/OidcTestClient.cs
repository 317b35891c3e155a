using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace Coursera.Testing;

/// <summary>
/// Gets tokens from the identity server the way real clients do: client credentials for an API client, and the
/// authorization code flow with PKCE for a user, driven through the real login page (antiforgery token, cookies,
/// redirects followed by hand). <paramref name="http"/> must keep cookies and must not follow redirects.
/// </summary>
public sealed partial class OidcTestClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<TokenResponse> ClientCredentialsAsync(string clientId, string clientSecret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        return await TokenResponse.ReadAsync(await http.SendAsync(request));
    }

    /// <summary>Signs in at <c>/account/login</c> and runs the code flow; <paramref name="totp"/> answers the MFA step when there is one.</summary>
    public async Task<TokenResponse> SignInAsync(string email, string password, string clientId, string redirectUri, string scope,
        Func<string>? totp = null)
    {
        var code = await AuthorizeAsync(email, password, clientId, redirectUri, scope, totp);
        return await ExchangeAsync(code.Code, code.Verifier, clientId, redirectUri);
    }

    public async Task<(string Code, string Verifier)> AuthorizeAsync(string email, string password, string clientId, string redirectUri, string scope,
        Func<string>? totp = null)
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("N");
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        });

        var location = await RedirectAsync(await http.GetAsync(authorize));
        if (location.StartsWith("/account/login", StringComparison.Ordinal))
        {
            var returnUrl = QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), location).Query)["returnUrl"].ToString();
            location = await RedirectAsync(await PostFormAsync("/account/login",
                new() { ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl }));
            if (location.StartsWith("/account/mfa", StringComparison.Ordinal))
            {
                Assert.True(totp is not null, "The account asks for a second factor.");
                location = await RedirectAsync(await PostFormAsync(location, new() { ["code"] = totp(), ["returnUrl"] = returnUrl }));
            }

            location = await RedirectAsync(await http.GetAsync(location));
        }

        Assert.StartsWith(redirectUri, location, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(location).Query);
        Assert.Equal(state, query["state"].ToString());
        Assert.True(query.ContainsKey("code"), $"No code in {location}");
        return (query["code"].ToString(), verifier);
    }

    public async Task<TokenResponse> ExchangeAsync(string code, string verifier, string clientId, string redirectUri) =>
        await TokenResponse.ReadAsync(await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = verifier,
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
        })));

    public async Task<TokenResponse> RefreshAsync(string clientId, string refreshToken) =>
        await TokenResponse.ReadAsync(await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = clientId,
        })));

    /// <summary>GETs a page with a form and posts it back with its antiforgery token and <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields)
    {
        var page = await http.GetStringAsync(path);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {path}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await http.PostAsync(path.Split('?')[0], new FormUrlEncodedContent(fields));
    }

    private static async Task<string> RedirectAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
                $"Expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var location = response.Headers.Location!;
            return location.IsAbsoluteUri ? location.ToString() : location.OriginalString;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

/// <summary>A token endpoint's answer: the tokens, or the OAuth error.</summary>
public sealed record TokenResponse(HttpStatusCode Status, JsonObject Body)
{
    public string? AccessToken => Body["access_token"]?.GetValue<string>();

    public string? RefreshToken => Body["refresh_token"]?.GetValue<string>();

    public string? IdToken => Body["id_token"]?.GetValue<string>();

    public string? Error => Body["error"]?.GetValue<string>();

    /// <summary>The access token, after checking there is one (the message shows the error if not).</summary>
    public string Access()
    {
        Assert.True(AccessToken is not null, $"Expected tokens, got {(int)Status} {Body.ToJsonString()}");
        return AccessToken!;
    }

    /// <summary>The claims of the access token (a signed JWT), decoded without checking the signature.</summary>
    public JsonObject Claims() => JsonNode.Parse(WebEncoders.Base64UrlDecode(Access().Split('.')[1]))!.AsObject();

    public static async Task<TokenResponse> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            return new TokenResponse(response.StatusCode, JsonNode.Parse(text) as JsonObject ?? []);
        }
    }
}
