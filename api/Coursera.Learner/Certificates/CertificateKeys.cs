using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Coursera.Learner.Certificates;

/// <summary>
/// The RSA key certificates are signed with (RS256). Production gives it in <c>Learner:CertificateSigningKey</c>
/// (PEM); development generates one on first run in <c>Learner:KeysPath</c>. The key id is derived from the public
/// key, so a published key and the certificates it signed always match.
/// </summary>
public sealed class CertificateKeys : IDisposable
{
    private readonly RSA _key;

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

        var parameters = _key.ExportParameters(false);
        Modulus = Base64Url(parameters.Modulus!);
        Exponent = Base64Url(parameters.Exponent!);
        KeyId = Base64Url(SHA256.HashData([.. parameters.Modulus!, .. parameters.Exponent!]))[..16];
    }

    public string KeyId { get; }

    public string Modulus { get; }

    public string Exponent { get; }

    public string Sign(string canonical) =>
        Base64Url(_key.SignData(System.Text.Encoding.UTF8.GetBytes(canonical), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public bool Verify(string canonical, string signature)
    {
        try
        {
            return _key.VerifyData(System.Text.Encoding.UTF8.GetBytes(canonical), Convert.FromBase64String(FromBase64Url(signature)),
                HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The public key as a JSON Web Key Set, served at <c>/.well-known/certificate-keys.json</c>.</summary>
    public object Jwks => new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Modulus, e = Exponent } } };

    public void Dispose() => _key.Dispose();

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

    private static string FromBase64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        return padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
    }
}
