using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Playback.Signers;

/// <summary>
/// Amazon CloudFront signed URLs with a custom policy, as the CloudFront Developer Guide specifies them
/// (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-creating-signed-url-custom-policy.html):
/// the policy grants <c>{BaseUrl}{assetId}/*</c> until the expiry and <c>?Policy=…&amp;Signature=…&amp;Key-Pair-Id=…</c>
/// goes with every request, for players that append the query to each segment they fetch. A canned policy would be
/// shorter, but CloudFront refuses wildcards in it, and one signature must cover the whole folder.
/// </summary>
public sealed class CloudFrontSigner(IOptions<MediaOptions> options) : IPlaybackSigner
{
    public string Name => "cloudfront";

    public SignedFolder Sign(Guid assetId, DateTimeOffset expiresAt)
    {
        var signed = SignFolder(options.Value.Playback, assetId, expiresAt);
        return new SignedFolder(signed.Folder, $"?Policy={signed.Policy}&Signature={signed.Signature}&Key-Pair-Id={signed.KeyPairId}", []);
    }

    /// <summary>
    /// The custom policy statement granting <paramref name="resource"/> until <paramref name="expiresAt"/>, in the
    /// exact form of AWS's examples: no whitespace, because CloudFront verifies the signature over the bytes it is given.
    /// </summary>
    public static string PolicyFor(string resource, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(resource);

        // The resource is an escaped absolute URI, which never holds a quote or a backslash: nothing needs JSON escaping.
        var epoch = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return "{\"Statement\":[{\"Resource\":\"" + resource + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + epoch + "}}}]}";
    }

    /// <summary>
    /// Base64 with the replacements AWS prescribes for query strings and cookies ('+' to '-', '=' to '_', '/' to '~');
    /// it is not RFC 4648's base64url, which CloudFront does not read.
    /// </summary>
    public static string ToCloudFrontBase64(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).Replace('+', '-').Replace('=', '_').Replace('/', '~');

    internal static (Uri Folder, string Policy, string Signature, string KeyPairId) SignFolder(
        MediaOptions.PlaybackSettings settings, Guid assetId, DateTimeOffset expiresAt)
    {
        var key = settings.Keys.FirstOrDefault() ?? throw new InvalidOperationException("Media:Playback:Keys holds no CloudFront key to sign playback URLs with.");
        if (string.IsNullOrWhiteSpace(key.Id))
        {
            throw new InvalidOperationException("The first of Media:Playback:Keys has no Id: CloudFront needs the key pair's (or public key's) id.");
        }

        var folder = CdnFolder.Of(settings.BaseUrl, assetId);
        var policy = PolicyFor(folder.AbsoluteUri + "*", expiresAt);
        var rsa = KeyOf(key);
        byte[] signature;
        try
        {
            // CloudFront verifies RSA signatures as SHA-1 with PKCS#1 v1.5 padding: the hash is not ours to choose.
            signature = rsa.SignData(Encoding.UTF8.GetBytes(policy), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"The CloudFront key {key.Id} cannot sign: its PEM holds a public key, not the private one.", e);
        }

        return (folder, ToCloudFrontBase64(Encoding.UTF8.GetBytes(policy)), ToCloudFrontBase64(signature), key.Id);
    }

    /// <summary>
    /// The key's RSA object, imported once per thread and key: importing the PEM costs as much as signing, and an RSA
    /// object is not safe to share between threads. A new key (a rotation) replaces the thread's.
    /// </summary>
    private static RSA KeyOf(MediaOptions.SigningKey key)
    {
        if (_key is { } cached && cached.Pem == key.Secret)
        {
            return cached.Rsa;
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(key.Secret);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();

            // The inner exception never quotes the PEM, so the secret stays out of logs.
            throw new InvalidOperationException($"The CloudFront key {key.Id} is not an unencrypted RSA private key in PEM (PKCS#1 or PKCS#8).", e);
        }

        _key?.Rsa.Dispose();
        _key = (key.Secret, rsa);
        return rsa;
    }

    [ThreadStatic]
    private static (string Pem, RSA Rsa)? _key;
}

/// <summary>
/// Amazon CloudFront signed cookies with a custom policy
/// (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-setting-signed-cookie-custom-policy.html):
/// the same policy and signature as <see cref="CloudFrontSigner"/>, carried by <c>CloudFront-Policy</c>,
/// <c>CloudFront-Signature</c> and <c>CloudFront-Key-Pair-Id</c> cookies scoped to the asset's folder, so that segment
/// URLs stay clean and cacheable and players that drop query strings still play.
/// </summary>
public sealed class CloudFrontCookieSigner(IOptions<MediaOptions> options) : IPlaybackSigner
{
    public string Name => "cloudfront-cookies";

    public SignedFolder Sign(Guid assetId, DateTimeOffset expiresAt)
    {
        var signed = CloudFrontSigner.SignFolder(options.Value.Playback, assetId, expiresAt);
        var domain = signed.Folder.IdnHost;

        // The cookies' path is the folder's (base path included), so the browser sends them for this asset only.
        var path = signed.Folder.AbsolutePath;
        return new SignedFolder(signed.Folder, "",
        [
            new SignedCookie("CloudFront-Policy", signed.Policy, domain, path, expiresAt),
            new SignedCookie("CloudFront-Signature", signed.Signature, domain, path, expiresAt),
            new SignedCookie("CloudFront-Key-Pair-Id", signed.KeyPairId, domain, path, expiresAt),
        ]);
    }
}
