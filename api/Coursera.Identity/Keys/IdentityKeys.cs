using System.Globalization;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Coursera.Identity.Keys;

/// <summary>
/// The keys the OpenID Connect server signs and encrypts with. From configuration in production
/// (<c>Identity:SigningKeys:0</c>, <c>:1</c>, … as PEM RSA private keys, the first signing, the others still published
/// so tokens they signed stay valid during a rotation; <c>Identity:EncryptionKey</c> as 32 base64 bytes). In
/// Development, or wherever <c>Identity:KeysPath</c> is set, generated on first run into that folder and rotated:
/// once the newest signing key is older than <c>Identity:SigningKeyLifetime</c> (90 days) a new one signs and the
/// previous one is only published.
/// </summary>
public sealed class IdentityKeys
{
    private const string SigningFilePrefix = "signing-";
    private const string EncryptionFile = "encryption.key";

    private IdentityKeys(IReadOnlyList<RsaSecurityKey> signing, SymmetricSecurityKey encryption)
    {
        Signing = signing;
        Encryption = encryption;
    }

    /// <summary>Newest first: the first signs, every one is published in the JWKS.</summary>
    public IReadOnlyList<RsaSecurityKey> Signing { get; }

    /// <summary>Encrypts what only this server reads: authorization codes and refresh tokens.</summary>
    public SymmetricSecurityKey Encryption { get; }

    public static IdentityKeys Load(IConfiguration configuration, IHostEnvironment environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var options = IdentityServiceOptions.From(configuration);
        var configured = options.SigningKeys;
        if (configured.Count > 0)
        {
            var encryption = options.EncryptionKey
                ?? throw new InvalidOperationException("Identity:EncryptionKey (32 bytes, base64) must be set beside Identity:SigningKeys.");
            return new IdentityKeys([.. configured.Select(FromPem)], Symmetric(Convert.FromBase64String(encryption)));
        }

        var path = options.KeysPath;
        if (path is null && environment.IsDevelopment())
        {
            path = Path.Combine(environment.ContentRootPath, ".identity-keys");
        }

        if (path is null)
        {
            throw new InvalidOperationException(
                "No signing keys: set Identity:SigningKeys and Identity:EncryptionKey, or Identity:KeysPath for keys kept on disk.");
        }

        return FromFolder(path, options.SigningKeyLifetime, time);
    }

    private static IdentityKeys FromFolder(string path, TimeSpan lifetime, TimeProvider time)
    {
        PrivateFiles.CreateFolder(path);
        var now = time.GetUtcNow();
        // The file name says when a key was made (file times are not reliable across copies and backups).
        var files = Directory.GetFiles(path, SigningFilePrefix + "*.pem").OrderDescending(StringComparer.Ordinal).ToList();
        if (files.Count == 0 || now - MadeAt(files[0]) > lifetime)
        {
            using var rsa = RSA.Create(2048);
            var file = Path.Combine(path, $"{SigningFilePrefix}{now:yyyyMMddHHmmss}.pem");
            PrivateFiles.WriteAllText(file, rsa.ExportPkcs8PrivateKeyPem());
            files.Insert(0, file);
        }

        var encryptionFile = Path.Combine(path, EncryptionFile);
        if (!File.Exists(encryptionFile))
        {
            PrivateFiles.WriteAllText(encryptionFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        // The newest signs; the one before it stays published for tokens it signed. Older ones are no longer needed.
        var signing = files.Take(2).Select(f => FromPem(File.ReadAllText(f))).ToList();
        return new IdentityKeys(signing, Symmetric(Convert.FromBase64String(File.ReadAllText(encryptionFile).Trim())));
    }

    private static DateTimeOffset MadeAt(string file) => DateTimeOffset.ParseExact(
        Path.GetFileNameWithoutExtension(file)[SigningFilePrefix.Length..], "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
        DateTimeStyles.AssumeUniversal);

    private static RsaSecurityKey FromPem(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        // A stable key id (the RFC 7638 style thumbprint of the public key), so caches of the JWKS stay valid across restarts.
        var thumbprint = SHA256.HashData([.. parameters.Modulus!, .. parameters.Exponent!]);
        return new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(thumbprint)[..16] };
    }

    private static SymmetricSecurityKey Symmetric(byte[] bytes) => bytes.Length == 32
        ? new SymmetricSecurityKey(bytes)
        : throw new InvalidOperationException("The identity encryption key must be 32 bytes.");
}
