using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Playback.Signers;

/// <summary>
/// Google Cloud CDN signed URLs with a URL prefix, as "Use signed URLs" specifies them
/// (https://cloud.google.com/cdn/docs/using-signed-urls, "URL prefix"): <c>?URLPrefix=…&amp;Expires=…&amp;KeyName=…&amp;Signature=…</c>
/// grants every URL under <c>{BaseUrl}{assetId}/</c>, for players that append the query to each segment (or a CDN set
/// to carry it). The key's <see cref="MediaOptions.SigningKey.Secret"/> is its 128-bit value in base64url, the content
/// of the key file that <c>gcloud compute backend-services add-signed-url-key</c> uploads.
/// </summary>
public sealed class GoogleCdnSigner(IOptions<MediaOptions> options) : IPlaybackSigner
{
    public string Name => "google-cdn";

    public SignedFolder Sign(Guid assetId, DateTimeOffset expiresAt)
    {
        var settings = options.Value.Playback;
        var key = settings.Keys.FirstOrDefault() ?? throw new InvalidOperationException("Media:Playback:Keys holds no Cloud CDN key to sign playback URLs with.");
        var folder = CdnFolder.Of(settings.BaseUrl, assetId);
        return new SignedFolder(folder, "?" + SignUrlPrefix(UrlPrefixOf(folder), key, expiresAt), []);
    }

    /// <summary>
    /// <c>URLPrefix=…&amp;Expires=…&amp;KeyName=…&amp;Signature=…</c> for <paramref name="urlPrefix"/>: Google's samples'
    /// <c>sign_url_prefix</c> without the request URL in front.
    /// </summary>
    public static string SignUrlPrefix(string urlPrefix, MediaOptions.SigningKey key, DateTimeOffset expiresAt) =>
        SignPolicy(urlPrefix, key, expiresAt, '&');

    /// <summary>
    /// The prefix Cloud CDN compares requests with: scheme, host and path, without the port, which Cloud CDN leaves out
    /// when it computes the signature (https://cloud.google.com/cdn/docs/using-signed-cookies, "Programmatically creating signed cookies").
    /// </summary>
    internal static string UrlPrefixOf(Uri folder) => new UriBuilder(folder) { Port = -1 }.Uri.AbsoluteUri;

    /// <summary>
    /// Signed URLs join the fields with '&amp;' and signed cookies with ':'; in both the signature is over the fields as
    /// joined, the prefix and the signature are base64url WITH padding (as Google's samples encode them), and the
    /// HMAC is SHA-1.
    /// </summary>
    internal static string SignPolicy(string urlPrefix, MediaOptions.SigningKey key, DateTimeOffset expiresAt, char separator)
    {
        ArgumentNullException.ThrowIfNull(urlPrefix);
        ArgumentNullException.ThrowIfNull(key);
        if (!urlPrefix.StartsWith("https://", StringComparison.Ordinal) && !urlPrefix.StartsWith("http://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"A Cloud CDN URL prefix starts with http:// or https://: {urlPrefix}", nameof(urlPrefix));
        }

        if (urlPrefix.Contains('?', StringComparison.Ordinal) || urlPrefix.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A Cloud CDN URL prefix has no query or fragment: {urlPrefix}", nameof(urlPrefix));
        }

        var keyName = KeyNameOf(key);
        var secret = SecretOf(key);
        var expires = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var policy = $"URLPrefix={PaddedBase64Url(Encoding.UTF8.GetBytes(urlPrefix))}{separator}Expires={expires}{separator}KeyName={keyName}";
#pragma warning disable CA5350 // Cloud CDN's signed requests fix HMAC-SHA1; there is no stronger choice to make here.
        var signature = HMACSHA1.HashData(secret, Encoding.UTF8.GetBytes(policy));
#pragma warning restore CA5350
        return $"{policy}{separator}Signature={PaddedBase64Url(signature)}";
    }

    private static string PaddedBase64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');

    private static string KeyNameOf(MediaOptions.SigningKey key)
    {
        // Cloud CDN's key names: 1 to 63 of A-Z, a-z, 0-9, '_' and '-'. Anything else would also break the query.
        if (key.Id.Length is 0 or > 63 || !key.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new InvalidOperationException($"The Cloud CDN key name \"{key.Id}\" is not 1 to 63 of A-Z, a-z, 0-9, '_' and '-'.");
        }

        return key.Id;
    }

    private static byte[] SecretOf(MediaOptions.SigningKey key)
    {
        byte[] secret;
        try
        {
            // gcloud's key files are base64url with padding; a key pasted in standard base64, or without its padding,
            // is the same bytes, so all are read.
            var text = key.Secret.Trim().Replace('-', '+').Replace('_', '/');
            secret = Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"The Cloud CDN key {key.Id} is not base64url.", e);
        }

        if (secret.Length != 16)
        {
            throw new InvalidOperationException($"The Cloud CDN key {key.Id} has {secret.Length} bytes; Cloud CDN keys have 16 (128 bits).");
        }

        return secret;
    }
}

/// <summary>
/// Google Cloud CDN signed cookies (https://cloud.google.com/cdn/docs/using-signed-cookies): one <c>Cloud-CDN-Cookie</c>
/// holding <c>URLPrefix=…:Expires=…:KeyName=…:Signature=…</c> for <c>{BaseUrl}{assetId}/</c>, scoped to the folder, so
/// that manifests and segments are fetched with clean, cacheable URLs.
/// </summary>
public sealed class GoogleCdnCookieSigner(IOptions<MediaOptions> options) : IPlaybackSigner
{
    public const string CookieName = "Cloud-CDN-Cookie";

    public string Name => "google-cdn-cookies";

    public SignedFolder Sign(Guid assetId, DateTimeOffset expiresAt)
    {
        var settings = options.Value.Playback;
        var key = settings.Keys.FirstOrDefault() ?? throw new InvalidOperationException("Media:Playback:Keys holds no Cloud CDN key to sign playback cookies with.");
        var folder = CdnFolder.Of(settings.BaseUrl, assetId);
        var value = SignCookie(GoogleCdnSigner.UrlPrefixOf(folder), key, expiresAt);
        return new SignedFolder(folder, "", [new SignedCookie(CookieName, value, folder.IdnHost, folder.AbsolutePath, expiresAt)]);
    }

    /// <summary>The value of <c>Cloud-CDN-Cookie</c> for <paramref name="urlPrefix"/>: Google's samples' <c>sign_cookie</c>.</summary>
    public static string SignCookie(string urlPrefix, MediaOptions.SigningKey key, DateTimeOffset expiresAt) =>
        GoogleCdnSigner.SignPolicy(urlPrefix, key, expiresAt, ':');
}
