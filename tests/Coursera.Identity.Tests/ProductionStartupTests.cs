using System.Security.Cryptography;
using Coursera.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Coursera.Identity.Tests;

/// <summary>
/// The identity service outside Development (review F8): it does not start without a public origin for its mail links
/// and issuer, and its account pages ask browsers for HTTPS only (HSTS).
/// </summary>
public sealed class ProductionStartupTests
{
    [Fact]
    public async Task Without_a_public_origin_or_issuer_the_service_refuses_to_start()
    {
        await using var identity = new ProductionIdentityApp(publicOrigin: null);
        var refused = await Assert.ThrowsAnyAsync<Exception>(identity.InitializeAsync);
        Assert.Contains("Identity:PublicOrigin", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_public_origin_it_starts_and_its_pages_ask_for_https_only()
    {
        await using var identity = new ProductionIdentityApp(publicOrigin: "https://learn.coursera.example");
        await identity.InitializeAsync();
        using var http = identity.CreateClient();
        using var page = await http.GetAsync("/account/login");
        Assert.StartsWith("max-age=", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    private sealed class ProductionIdentityApp : ServiceApp<Coursera.Identity.Program>
    {
        public ProductionIdentityApp(string? publicOrigin)
        {
            Settings["Identity:MigrateOnStart"] = "true";
            Settings["Identity:KeysPath"] = Path.Combine(Folder, "keys");
            Settings["Identity:PublicOrigin"] = publicOrigin;

            // Production asks for the Data Protection key ring's certificate too; a deployment mounts one.
            Settings["DataProtection:CertificatePath"] = KeyRingCertificates.Write(Path.Combine(Folder, "key-ring.pfx"));
            Settings["Subgraphs:GatewayKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
