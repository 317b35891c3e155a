using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;

namespace Coursera.ServiceDefaults.DataProtection;

/// <summary>
/// Loads the key ring's certificate, or in Development makes one on first run. A key ring that sits in the same
/// database as what it encrypts protects nothing against a leaked backup; the certificate lives elsewhere (a file
/// a deployment mounts from its secret store).
/// </summary>
internal static class KeyRingCertificate
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    public static X509Certificate2 Load(KeyRingOptions options, IHostEnvironment environment)
    {
        var path = options.CertificatePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"{KeyRingOptions.Section}:CertificatePath is not set: outside Development the Data Protection key ring (which protects sign-in " +
                    $"cookies, reset tokens and webhook secrets) must be encrypted with a certificate. Set {KeyRingOptions.Section}:CertificatePath " +
                    $"(a .pfx with its private key) and {KeyRingOptions.Section}:CertificatePassword.");
            }

            // One per user, not per content root, as the framework's own development keys: every service and test host
            // on the machine then reads the ring the others wrote.
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
                "coursera", "data-protection", "key-ring.pfx");
        }

        if (!File.Exists(path))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException($"{KeyRingOptions.Section}:CertificatePath names {path}, which does not exist.");
            }

            Generate(path, options.CertificatePassword);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
    }

    /// <summary>A certificate the ring was encrypted with before (see <see cref="KeyRingOptions.PreviousCertificates"/>).</summary>
    public static X509Certificate2 LoadExisting(KeyRingOptions previous) =>
        File.Exists(previous.CertificatePath)
            ? X509CertificateLoader.LoadPkcs12FromFile(previous.CertificatePath, previous.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet)
            : throw new InvalidOperationException(
                $"{KeyRingOptions.Section}:PreviousCertificates names {previous.CertificatePath}, which does not exist.");

    /// <summary>
    /// Writes a self-signed certificate readable by its owner only from the moment the file exists (no window in which
    /// it is world-readable), and atomically, so processes starting together all load the same one.
    /// </summary>
    private static void Generate(string path, string? password)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Coursera development key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
        var bytes = certificate.Export(X509ContentType.Pkcs12, password);

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = OwnerOnlyFile;
        }

        using (var stream = new FileStream(temporary, file))
        {
            stream.Write(bytes);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another process made it first: use theirs
        }
    }
}
