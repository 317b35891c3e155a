using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Coursera.Identity.Audit;

/// <summary>
/// What the audit log keeps of text a person typed that matches no account (an unknown sign-in email, sometimes a
/// password typed into the wrong field): a keyed hash (HMAC-SHA256), never the text. The same input always gives the
/// same pseudonym, so repeated attempts against one address still show up together, but the log alone does not tell
/// what was typed, and there is nothing personal left in the row for an erasure to find. The key is derived (HKDF)
/// from the identity server's own encryption key, so it is as secret as that key and needs no setting of its own.
/// </summary>
public sealed class AuditPseudonyms(IOptions<OpenIddictServerOptions> server)
{
    private readonly Lazy<byte[]> _key = new(() =>
    {
        var secret = server.Value.EncryptionCredentials.Select(c => c.Key).OfType<SymmetricSecurityKey>().FirstOrDefault()?.Key
            ?? throw new InvalidOperationException("The identity server has no symmetric encryption key to derive the audit key from.");
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.UTF8.GetBytes("Coursera.Identity.Audit.Pseudonyms"));
    });

    /// <summary>e.g. <c>unknown email #3f9a…</c>: 16 bytes of the HMAC of the trimmed, upper-cased input, in hex.</summary>
    public string Of(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var normalized = Encoding.UTF8.GetBytes(typed.Trim().ToUpperInvariant());
        return "#" + Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, normalized).AsSpan(0, 16));
    }
}
