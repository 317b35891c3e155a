namespace Coursera.Media.Playback;

/// <summary>Where an asset's files are on the CDN (<c>Media:Playback:BaseUrl</c>), before any signature: the same for every signer.</summary>
public static class CdnFolder
{
    /// <summary>The CDN's address, checked, ending with a slash.</summary>
    public static string Root(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp)
            || baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0)
        {
            throw new InvalidOperationException($"Media:Playback:BaseUrl ({baseUrl}) must be an absolute http(s) address without a query or fragment.");
        }

        return baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl.AbsoluteUri : baseUrl.AbsoluteUri + "/";
    }

    /// <summary><c>{BaseUrl}{assetId}/</c>: the folder a wildcard, prefix or ACL signature covers.</summary>
    public static Uri Of(Uri baseUrl, Guid assetId) => new($"{Root(baseUrl)}{assetId:D}/");
}
