using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Coursera.Testing;

/// <summary>
/// Certificates for the Data Protection key ring, as a deployment mounts one: a service outside Development refuses to
/// start without <c>DataProtection:CertificatePath</c>.
/// </summary>
public static class KeyRingCertificates
{
    /// <summary>Writes a new self-signed certificate with its private key (PKCS#12, no password) to <paramref name="path"/>.</summary>
    public static string Write(string path)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, made.Export(X509ContentType.Pkcs12));
        return path;
    }
}
