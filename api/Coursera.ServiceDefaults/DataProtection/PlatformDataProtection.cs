using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Coursera.ServiceDefaults.DataProtection;

/// <summary>
/// One Data Protection key ring for the whole platform: every service and instance shares its application name and
/// its keys (in PostgreSQL), and the keys are encrypted at rest with the configured certificate. Each use keeps a
/// purpose of its own, so no protected value is accepted as another: sign-in cookies (the cookie handler's purpose per
/// scheme), reset and confirmation tokens (<c>DataProtectorTokenProvider</c>), webhook secrets
/// (<c>Coursera.Webhooks.Secrets</c>), stored idempotent responses (<c>Coursera.Gateway.Idempotency</c>). Every
/// process that protects something others must read (each gateway instance too) needs <c>ConnectionStrings:Postgres</c>.
/// </summary>
public static class PlatformDataProtection
{
    public const string ApplicationName = "coursera";

    public static IHostApplicationBuilder AddPlatformDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var protection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);

        // A process without a database (a tool that prints the schema, a test of logging) keeps its keys in memory:
        // nothing is at rest, so there is nothing to encrypt, and nothing it protects outlives it.
        if (string.IsNullOrEmpty(builder.Configuration.GetConnectionString("Postgres")))
        {
            protection.UseEphemeralDataProtectionProvider();
            return builder;
        }

        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        protection.ProtectKeysWithCertificate(KeyRingCertificate.Load(options, builder.Environment));
        if (options.PreviousCertificates.Count > 0)
        {
            protection.UnprotectKeysWithAnyCertificate([.. options.PreviousCertificates.Select(KeyRingCertificate.LoadExisting)]);
        }

        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services => new ConfigureOptions<KeyManagementOptions>(
            keys => keys.XmlRepository = new PostgresKeyRing(services.GetRequiredService<NpgsqlDataSource>())));
        return builder;
    }

    /// <summary>
    /// Makes sure the ring has a key, as the <c>migrate</c> step of a release does before any instance starts. Instances
    /// that start together on an empty ring would each create a key of their own, and one that loaded the ring before
    /// the others wrote theirs cannot read what they protect (a webhook secret stored by another instance) until it
    /// reloads the ring, a day later.
    /// </summary>
    public static void CreateFirstKey(IServiceProvider services) =>
        services.GetDataProtector("Coursera.KeyRing.FirstKey").Protect("ready");
}
