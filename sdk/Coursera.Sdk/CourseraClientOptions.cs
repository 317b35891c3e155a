namespace Coursera.Sdk;

/// <summary>Where the platform is and which API client the SDK acts as.</summary>
public sealed class CourseraClientOptions
{
    /// <summary>
    /// The platform's address, e.g. <c>https://api.coursera.example/</c>: the API is under <c>{BaseUrl}/v1/</c> and the
    /// token endpoint at <c>{BaseUrl}/connect/token</c>.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The API client's id (tenant administrators create API clients). Without it, requests go unauthenticated.</summary>
    public string? ClientId { get; set; }

    /// <summary>The API client's secret, shown once when the client was created or its secret rotated.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The scopes to ask for, e.g. <c>catalog:read</c>; null or empty asks for every scope the client holds.</summary>
    public IReadOnlyList<string>? Scopes { get; set; }

    /// <summary>How failed requests are tried again.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Checks that the options can work, naming the first one that cannot.</summary>
    /// <exception cref="InvalidOperationException">An option is missing or not usable.</exception>
    public void Validate()
    {
        if (BaseUrl is not { IsAbsoluteUri: true })
        {
            throw new InvalidOperationException($"{nameof(CourseraClientOptions)}.{nameof(BaseUrl)} must be an absolute URL, e.g. https://api.coursera.example/.");
        }

        if (string.IsNullOrEmpty(ClientId) != string.IsNullOrEmpty(ClientSecret))
        {
            throw new InvalidOperationException($"Give both {nameof(ClientId)} and {nameof(ClientSecret)}, or neither for anonymous requests.");
        }

        Retry.Validate();
    }

    /// <summary>
    /// <see cref="BaseUrl"/> ending with a slash: the generated clients use paths relative to it (<c>v1/courses</c>), and a
    /// relative path replaces the last segment of a base address that does not end with one.
    /// </summary>
    internal Uri ApiBase => BaseUrl!.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");

    internal Uri TokenEndpoint => new(ApiBase, "connect/token");

    internal bool Authenticates => !string.IsNullOrEmpty(ClientId);
}
