using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Playback;

/// <summary>
/// Our reference edge's path token (deploy/edge): <c>{BaseUrl}{kid}.{exp}.{sig}/{assetId}/</c>, where sig is the
/// base64url HMAC-SHA256 of <c>{kid}.{exp}/{assetId}/</c> under the key named kid. Everything the player resolves
/// under the folder carries the token; another asset's folder, a later time or a changed character does not verify.
/// </summary>
public sealed class EdgeSigner(IOptions<MediaOptions> options) : IPlaybackSigner
{
    public string Name => "edge";

    public SignedFolder Sign(Guid assetId, DateTimeOffset expiresAt)
    {
        var settings = options.Value.Playback;
        var key = settings.Keys.FirstOrDefault() ?? throw new InvalidOperationException("Media:Playback:Keys holds no key to sign playback URLs with.");

        // The edge reads the id up to the first dot: an id it cannot parse would make URLs it always refuses.
        if (key.Id.Length is 0 or > 32 || !key.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new InvalidOperationException($"The playback key id '{key.Id}' must be 1 to 32 letters, digits, '_' or '-'.");
        }
        var exp = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var folder = $"{key.Id}.{exp}/{assetId:D}/";
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(key.Secret);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"The playback key {key.Id} is not base64.", e);
        }

        if (secret.Length < 32)
        {
            throw new InvalidOperationException($"The playback key {key.Id} has fewer than 32 bytes.");
        }

        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(folder)));
        return new SignedFolder(new Uri($"{CdnFolder.Root(settings.BaseUrl)}{key.Id}.{exp}.{signature}/{assetId:D}/"), "", []);
    }
}
