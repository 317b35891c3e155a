using System.Net;
using System.Net.Http.Headers;

namespace Coursera.Gateway.Tests;

/// <summary>Requests as a browser makes them: navigations that prefer HTML, and the files a page then loads.</summary>
internal sealed class Browser : IDisposable
{
    /// <summary>What Chromium sends when the address bar opens a page.</summary>
    public const string NavigationAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<Page> GetAsync(Uri url, string accept = NavigationAccept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        using var response = await _http.SendAsync(request);
        return new Page(response.StatusCode, response.Content.Headers.ContentType, response.Headers.CacheControl,
            await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record Page(HttpStatusCode Status, MediaTypeHeaderValue? ContentType, CacheControlHeaderValue? CacheControl, string Body)
{
    public string? MediaType => ContentType?.MediaType;

    public override string ToString() => $"{(int)Status} {ContentType}: {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
}
