namespace Coursera.Media.Playback;

/// <summary>
/// Signs a viewer's access to one asset's folder on the CDN (its manifests, every segment, captions and poster) until
/// a time. Players resolve segment URLs relative to the manifest's and drop its query string, so a signature must
/// travel in the path (our edge, Akamai's path token), in cookies for the folder (CloudFront, Cloud CDN), or in a
/// query the CDN itself carries to segments (Cloud CDN's URLPrefix and Akamai's ACL tokens, when the CDN is set to do so).
/// </summary>
public interface IPlaybackSigner
{
    /// <summary>The name configuration chooses it by (<c>Media:Playback:Signer</c>).</summary>
    string Name { get; }

    /// <summary>Signs access to everything under <c>{cdn}/{assetId}/</c> until <paramref name="expiresAt"/>.</summary>
    SignedFolder Sign(Guid assetId, DateTimeOffset expiresAt);
}

/// <summary>
/// The signed folder of an asset: a file's URL is <see cref="BaseUrl"/> + its relative path + <see cref="Query"/>,
/// sent with <see cref="Cookies"/> when there are any.
/// </summary>
/// <param name="BaseUrl">Ends with a slash: <c>master.m3u8</c>, <c>manifest.mpd</c>, <c>captions/en.vtt</c> resolve under it.</param>
/// <param name="Query">Empty, or a query string starting with <c>?</c>.</param>
public sealed record SignedFolder(Uri BaseUrl, string Query, IReadOnlyList<SignedCookie> Cookies)
{
    public Uri UrlOf(string relativePath) => new(BaseUrl, relativePath + Query);
}

/// <summary>A cookie the player's browser must hold for the CDN's domain (CloudFront and Cloud CDN signed cookies).</summary>
public sealed record SignedCookie(string Name, string Value, string Domain, string Path, DateTimeOffset ExpiresAt);
