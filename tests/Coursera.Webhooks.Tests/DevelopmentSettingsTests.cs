using Coursera.Testing;

namespace Coursera.Webhooks.Tests;

/// <summary>
/// What a development script sets must not open a production deployment: the key ring certificate is made owner-only
/// on a laptop, and outside Development the development settings stop the service unless confirmed one by one.
/// </summary>
public sealed class DevelopmentSettingsTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task In_development_the_key_ring_certificate_is_made_on_first_start_readable_by_its_owner_only()
    {
        var folder = Directory.CreateTempSubdirectory("coursera-key-ring").FullName;
        try
        {
            var certificate = Path.Combine(folder, "data-protection", "key-ring.pfx");
            await using (var app = await WebhooksApp.StartAsync(dispatch: false, settings: new() { ["DataProtection:CertificatePath"] = certificate }))
            {
                await app.Endpoints.CreateAsync(Guid.CreateVersion7(), "https://lms.example/hooks", [], null, CancellationToken.None);
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificate));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(certificate)!));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(certificate)!, "*.tmp"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Outside_development_private_targets_and_seeding_stop_the_service_unless_confirmed()
    {
        var folder = Directory.CreateTempSubdirectory("coursera-key-ring").FullName;
        var certificate = Path.Combine(folder, "key-ring.pfx");
        try
        {
            await using (await WebhooksApp.StartAsync(dispatch: false, settings: new() { ["DataProtection:CertificatePath"] = certificate }))
            {
                // made the certificate a production deployment would bring
            }

            var production = new Dictionary<string, string?>
            {
                ["environment"] = "Production",
                ["DataProtection:CertificatePath"] = certificate,
                ["Webhooks:AllowPrivateTargets"] = "true",
                ["Identity:Seed"] = "true",
                ["Identity:SeedOutsideDevelopment"] = "true", // confirmed: not named
                ["Catalog:Seed"] = "false", // off: not named
            };
            var app = new ServiceApp<Program>(production);
            try
            {
                var refused = await Assert.ThrowsAnyAsync<Exception>(app.InitializeAsync);
                var message = Messages(refused);
                Assert.Contains("Webhooks:AllowPrivateTargets is a development setting", message, StringComparison.Ordinal);
                Assert.Contains("Webhooks:AllowPrivateTargetsOutsideDevelopment=true", message, StringComparison.Ordinal);
                Assert.DoesNotContain("Identity:Seed", message, StringComparison.Ordinal);
                Assert.DoesNotContain("Catalog:Seed", message, StringComparison.Ordinal);
            }
            finally
            {
                await app.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Messages(Exception e) => e.InnerException is { } inner ? $"{e.Message}\n{Messages(inner)}" : e.Message;
}
