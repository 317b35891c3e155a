using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Coursera.Learner.Certificates;

/// <summary>
/// The RSA key certificates are signed with (RS256). Production gives it in <c>Learner:CertificateSigningKey</c>
/// (PEM); development generates one on first run in <c>Learner:KeysPath</c>. The key id is derived from the public
/// key, so a published key and the certificates it signed always match. Keys used before
/// (<c>Learner:PreviousCertificateKeys</c>) only verify, and stay published.
/// </summary>
public sealed class CertificateKeys : IDisposable
{
    private readonly RSA _key;
    private readonly Dictionary<string, PublicKey> _published = new(StringComparer.Ordinal);

    public CertificateKeys(IOptions<LearnerOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _key = RSA.Create();
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.CertificateSigningKey))
        {
            _key.ImportFromPem(settings.CertificateSigningKey);
        }
        else if (!string.IsNullOrWhiteSpace(settings.KeysPath))
        {
            var path = Path.Combine(settings.KeysPath, "certificate-signing.pem");
            if (File.Exists(path))
            {
                _key.ImportFromPem(File.ReadAllText(path));
            }
            else
            {
                _key.KeySize = 2048;
                WriteOwnerOnly(settings.KeysPath, path, _key.ExportPkcs8PrivateKeyPem());
            }
        }
        else if (environment.IsProduction())
        {
            throw new InvalidOperationException("Set Learner:CertificateSigningKey (PEM RSA key) to sign certificates.");
        }
        else
        {
            _key.KeySize = 2048; // tests: a key for the life of the process
        }

        var current = PublicKey.Of(_key);
        KeyId = current.KeyId;
        _published[KeyId] = current;
        foreach (var pem in settings.PreviousCertificateKeys.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            using var previous = RSA.Create();
            previous.ImportFromPem(pem);
            var key = PublicKey.Of(previous);
            _published.TryAdd(key.KeyId, key);
        }
    }

    /// <summary>The id of the key new certificates are signed with.</summary>
    public string KeyId { get; }

    public string Sign(string canonical) =>
        Base64Url(_key.SignData(System.Text.Encoding.UTF8.GetBytes(canonical), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>Whether <paramref name="signature"/> is <paramref name="keyId"/>'s over the text: false for a key never published.</summary>
    public bool Verify(string keyId, string canonical, string signature)
    {
        if (!_published.TryGetValue(keyId, out var key))
        {
            return false;
        }

        try
        {
            using var rsa = RSA.Create(new RSAParameters { Modulus = FromBase64Url(key.Modulus), Exponent = FromBase64Url(key.Exponent) });
            return rsa.VerifyData(System.Text.Encoding.UTF8.GetBytes(canonical), FromBase64Url(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The public keys, current first, as a JSON Web Key Set, served at <c>/.well-known/certificate-keys.json</c>.</summary>
    public object Jwks => new
    {
        keys = _published.Values.Select(k => new { kty = "RSA", use = "sig", alg = "RS256", kid = k.KeyId, n = k.Modulus, e = k.Exponent }).ToArray(),
    };

    public void Dispose() => _key.Dispose();

    /// <summary>A published key: its id (from the key itself) and its RSA public parameters, base64url.</summary>
    private sealed record PublicKey(string KeyId, string Modulus, string Exponent)
    {
        public static PublicKey Of(RSA rsa)
        {
            var parameters = rsa.ExportParameters(false);
            return new PublicKey(
                Base64Url(SHA256.HashData([.. parameters.Modulus!, .. parameters.Exponent!]))[..16],
                Base64Url(parameters.Modulus!),
                Base64Url(parameters.Exponent!));
        }
    }

    /// <summary>
    /// The folder (0700) and the file (0600) are created owner-only by the calls that create them: no moment when the
    /// umask's 0755/0644 lets another local user read the key.
    /// </summary>
    private static void WriteOwnerOnly(string folder, string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(System.Text.Encoding.UTF8.GetBytes(pem));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
