namespace Coursera.Gateway.Rest;

/// <summary>Settings of REST v1 (section <c>Rest</c>).</summary>
public sealed class RestOptions
{
    public const string Section = "Rest";

    /// <summary>
    /// The learners' web app, which course links (<c>webUrl</c>) point into; unset, the platform's own address serves
    /// them.
    /// </summary>
    public Uri? WebUrl { get; set; }

    public string WebBaseUrl(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return WebUrl?.ToString().TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
    }
}
