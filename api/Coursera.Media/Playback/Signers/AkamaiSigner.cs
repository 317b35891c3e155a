using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Playback.Signers;

/// <summary>
/// Akamai Auth Token 2.0 ACL tokens, the algorithm of Akamai's EdgeAuth-Token libraries
/// (https://github.com/akamai/EdgeAuth-Token-Python, akamai/edgeauth/edgeauth.py, <c>generate_acl_token</c>, with their
/// defaults: SHA-256, '~' between fields, escape_early off): <c>st=…~exp=…~acl=/{base path}{assetId}/*~hmac=…</c> in the
/// <c>hdnts</c> query parameter, for players that carry it to every request (or an edge set to), and in an
/// <c>hdnts</c> cookie for the folder, for players that drop query strings. The key's
/// <see cref="MediaOptions.SigningKey.Secret"/> is the hex "Encryption Key" of the property's Auth Token 2.0 Verification
/// behavior.
/// </summary>
public sealed class AkamaiSigner(IOptions<MediaOptions> options, TimeProvider clock) : IPlaybackSigner
{
    public const string TokenName = "hdnts";

    public string Name => "akamai";

    public SignedFolder Sign(Guid assetId, DateTimeOffset expiresAt)
    {
        var settings = options.Value.Playback;
        var key = settings.Keys.FirstOrDefault() ?? throw new InvalidOperationException("Media:Playback:Keys holds no Akamai key to sign playback URLs with.");
        var folder = CdnFolder.Of(settings.BaseUrl, assetId);
        var token = AclToken(folder.AbsolutePath + "*", clock.GetUtcNow(), expiresAt, key);
        return new SignedFolder(folder, $"?{TokenName}={token}", [new SignedCookie(TokenName, token, folder.IdnHost, folder.AbsolutePath, expiresAt)]);
    }

    /// <summary>
    /// EdgeAuth's <c>generate_acl_token(acl)</c> with a start and an end time: the fields in EdgeAuth's order, the acl
    /// as given (not escaped, as escape_early off leaves it), and the hex HMAC-SHA256 of the fields before <c>hmac=</c>.
    /// </summary>
    public static string AclToken(string acl, DateTimeOffset startsAt, DateTimeOffset expiresAt, MediaOptions.SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(acl);
        ArgumentNullException.ThrowIfNull(key);

        // Unescaped, these would end the acl early: the edge splits fields on '~' and ACL entries on '!'.
        if (acl.Length == 0 || acl.Contains('~', StringComparison.Ordinal) || acl.Contains('!', StringComparison.Ordinal))
        {
            throw new ArgumentException($"An Akamai ACL is not empty and holds no '~' or '!': {acl}", nameof(acl));
        }

        var st = startsAt.ToUnixTimeSeconds();
        var exp = expiresAt.ToUnixTimeSeconds();
        if (exp <= st)
        {
            // EdgeAuth refuses such a token ("Token will have already expired").
            throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, "An Akamai token must expire after it starts.");
        }

        var fields = string.Create(CultureInfo.InvariantCulture, $"st={st}~exp={exp}~acl={acl}");
        var hmac = HMACSHA256.HashData(SecretOf(key), Encoding.UTF8.GetBytes(fields));
        return $"{fields}~hmac={Convert.ToHexStringLower(hmac)}";
    }

    private static byte[] SecretOf(MediaOptions.SigningKey key)
    {
        try
        {
            var secret = Convert.FromHexString(key.Secret.Trim());
            return secret.Length > 0 ? secret : throw new FormatException("The key is empty.");
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"The Akamai key {key.Id} is not an even-length hex string.", e);
        }
    }
}
