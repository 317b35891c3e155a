namespace Coursera.Media.Playback;

/// <summary>
/// What a player needs for one asset: the signed manifest URLs (HLS and DASH over the same segments), the captions
/// and the poster under the same signature, and until when they work.
/// </summary>
/// <param name="SignedQuery">
/// The query a player must add to every request it makes (manifests, segments) when the signer puts its signature
/// there (CloudFront signed URLs); empty when the signature is in the path or in <paramref name="Cookies"/>.
/// </param>
public sealed record Playback(Uri HlsUrl, Uri DashUrl, DateTimeOffset ExpiresAt, IReadOnlyList<PlaybackCaption> Captions, Uri PosterUrl,
    string SignedQuery, IReadOnlyList<SignedCookie> Cookies);

public sealed record PlaybackCaption(string Language, string Label, Uri Url);
