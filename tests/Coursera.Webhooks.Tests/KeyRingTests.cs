using System.Security.Cryptography;
using Coursera.ServiceDefaults.Data;
using Coursera.ServiceDefaults.DataProtection;
using Coursera.Testing;
using Coursera.Webhooks.Data;
using Coursera.Webhooks.Endpoints;
using Coursera.Webhooks.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Coursera.Webhooks.Tests;

/// <summary>
/// Endpoint secrets under the platform's key ring: the ring in PostgreSQL is encrypted with the configured
/// certificate, a service outside Development does not start without one, and secrets stored under the old
/// webhooks-only ring are moved onto it.
/// </summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task The_stored_key_ring_holds_no_key_in_clear_and_secrets_still_sign()
    {
        await using var app = await WebhooksApp.StartAsync(dispatch: false);
        var (created, _) = await app.Endpoints.CreateAsync(Guid.CreateVersion7(), "https://lms.example/hooks", [], null, CancellationToken.None);

        var keys = await StoredKeysAsync(app.ConnectionString);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        });
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.DataProtectionKeys.ToListAsync()); // nothing in the old, unencrypted place
        var stored = await db.Endpoints.SingleAsync();
        Assert.DoesNotContain(created!.Secret, stored.SecretEncrypted, StringComparison.Ordinal);
        Assert.Equal([created.Secret], app.Endpoints.SigningSecrets(stored));
    }

    [Fact]
    public async Task Outside_development_the_service_refuses_to_start_without_a_key_ring_certificate()
    {
        var app = new ServiceApp<Program>(new Dictionary<string, string?> { ["environment"] = "Production", ["Webhooks:MigrateOnStart"] = "true" });
        try
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(app.InitializeAsync);
            Assert.Contains("DataProtection:CertificatePath is not set", Messages(refused), StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Secrets_stored_under_the_old_webhooks_key_ring_are_moved_onto_the_platform_ring()
    {
        await using var app = await WebhooksApp.StartAsync(dispatch: false);
        var services = new ServiceCollection();
        services.AddDbContext<WebhooksDbContext>(o => ServiceStore<WebhooksDbContext>.Configure(o, app.ConnectionString, WebhooksDbContext.Schema));
        services.AddDataProtection().SetApplicationName(LegacySecretsRewrap.LegacyApplicationName).PersistKeysToDbContext<WebhooksDbContext>();
        string legacySecret;
        await using (var legacy = services.BuildServiceProvider())
        {
            legacySecret = legacy.GetDataProtector(WebhookEndpoints.SecretsPurpose).Protect("whsec_c3RvcmVkIGJlZm9yZQ==");
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        var endpoint = new WebhookEndpoint { TenantId = Guid.CreateVersion7(), Url = "https://lms.example/old", SecretEncrypted = legacySecret };
        db.Endpoints.Add(endpoint);
        await db.SaveChangesAsync();
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => app.Endpoints.SigningSecrets(endpoint));

        // What the store runs after its migrations on the next start.
        await ActivatorUtilities.CreateInstance<LegacySecretsRewrap>(app.Services).RunAsync(db, CancellationToken.None);

        await using var after = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync();
        Assert.Empty(await after.DataProtectionKeys.ToListAsync());
        Assert.Equal(["whsec_c3RvcmVkIGJlZm9yZQ=="], app.Endpoints.SigningSecrets(await after.Endpoints.SingleAsync()));
    }

    [Fact]
    public async Task The_key_ring_certificate_is_rotated_by_keeping_the_old_one_as_a_previous_certificate()
    {
        var database = await TestInfrastructure.CreateDatabaseAsync("key_ring_rotation");
        var folder = Directory.CreateTempSubdirectory("key-ring-rotation").FullName;
        var old = KeyRingCertificates.Write(Path.Combine(folder, "old.pfx"));
        var next = KeyRingCertificates.Write(Path.Combine(folder, "new.pfx"));

        string secret;
        await using (var before = KeyRing(database, new() { ["DataProtection:CertificatePath"] = old }))
        {
            secret = before.GetDataProtector("rotation").Protect("stored before the rotation");
        }

        await using (var rotated = KeyRing(database, new()
        {
            ["DataProtection:CertificatePath"] = next,
            ["DataProtection:PreviousCertificates:0:CertificatePath"] = old,
        }))
        {
            Assert.Equal("stored before the rotation", rotated.GetDataProtector("rotation").Unprotect(secret));
        }

        await using var withoutTheOld = KeyRing(database, new() { ["DataProtection:CertificatePath"] = next });
        Assert.ThrowsAny<CryptographicException>(() => withoutTheOld.GetDataProtector("rotation").Unprotect(secret));
    }

    /// <summary>The platform's key ring alone, as a service outside Development configures it.</summary>
    private static ServiceProvider KeyRing(string database, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["ConnectionStrings:Postgres"] = database;
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(database));
        builder.AddPlatformDataProtection();
        return builder.Services.BuildServiceProvider();
    }


    public static async Task<List<string>> StoredKeysAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT xml FROM data_protection.keys");
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static string Messages(Exception e) => e.InnerException is { } inner ? $"{e.Message}\n{Messages(inner)}" : e.Message;
}
