using System.Xml.Linq;
using Coursera.ServiceDefaults.Data;
using Coursera.Webhooks.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Webhooks.Endpoints;

/// <summary>
/// Endpoint secrets used to be encrypted by a key ring of this store's own (<c>webhooks.data_protection_keys</c>,
/// application <c>coursera-webhooks</c>), kept unencrypted beside them. This decrypts them with that ring once,
/// encrypts them again with the platform's ring, and deletes the old keys, in one transaction: after it, nothing in
/// the database decrypts a secret.
/// </summary>
public sealed class LegacySecretsRewrap(IDataProtectionProvider protection) : IStoreStep<WebhooksDbContext>
{
    public const string LegacyApplicationName = "coursera-webhooks";

    public async Task RunAsync(WebhooksDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keys = await db.DataProtectionKeys.ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            return;
        }

        var legacy = LegacyProtector([.. keys.Where(k => k.Xml is not null).Select(k => XElement.Parse(k.Xml!))]);
        var current = protection.CreateProtector(WebhookEndpoints.SecretsPurpose);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var endpoint in await db.Endpoints.ToListAsync(cancellationToken))
        {
            endpoint.SecretEncrypted = current.Protect(legacy.Unprotect(endpoint.SecretEncrypted));
            if (endpoint.PreviousSecretEncrypted is { } previous)
            {
                endpoint.PreviousSecretEncrypted = current.Protect(legacy.Unprotect(previous));
            }
        }

        db.DataProtectionKeys.RemoveRange(keys);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The old ring, read from the rows in hand: never written to, never given a new key.</summary>
    public static IDataProtector LegacyProtector(IReadOnlyCollection<XElement> keys)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(LegacyApplicationName).DisableAutomaticKeyGeneration();
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new ReadOnlyKeys(keys));
        return services.BuildServiceProvider().GetDataProtector(WebhookEndpoints.SecretsPurpose);
    }

    private sealed class ReadOnlyKeys(IReadOnlyCollection<XElement> keys) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => keys;

        public void StoreElement(XElement element, string friendlyName) =>
            throw new InvalidOperationException("The legacy webhooks key ring is read only.");
    }
}
