namespace Coursera.ServiceDefaults.DataProtection;

/// <summary>
/// The certificate that encrypts the platform's Data Protection key ring at rest, bound from the <c>DataProtection</c>
/// section. Outside Development it must be configured; Development generates one on first run.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file holding the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Certificates the ring was encrypted with before: they still decrypt the keys written under them, never encrypt.
    /// Rotating: put the current one here and a new one in <see cref="CertificatePath"/>; keep the old one until every
    /// key written under it has expired (90 days).
    /// </summary>
    public List<KeyRingOptions> PreviousCertificates { get; } = [];
}
