using Coursera.Identity.Data;
using Coursera.Identity.Model;
using Coursera.Identity.Tenants;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Connections;
using Coursera.Subgraphs.Errors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Identity.Audit;

/// <summary>Reading the audit log: security events, newest first, for platform administrators only.</summary>
public sealed class AuditTrail(IDbContextFactory<IdentityServiceDbContext> contexts, AdministrationAccess access)
{
    /// <summary>Checked before the arguments are: a caller who may not read the log learns nothing from their errors.</summary>
    public async Task EnsureReaderAsync(Caller caller, CancellationToken cancellationToken) =>
        await access.EnsurePlatformAdministratorAsync(caller, cancellationToken);

    public async Task<Connection<AuditEntry>> ReadAsync(string? rawTenantId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        Guid? tenantId = rawTenantId is { } raw
            ? Guid.TryParse(raw, out var parsed) ? parsed : throw GraphQLErrors.BadUserInput("tenantId is not an id.")
            : null;
        IQueryable<AuditEntry> Entries(IdentityServiceDbContext db) =>
            tenantId is { } tenant ? db.AuditLog.AsNoTracking().Where(e => e.TenantId == tenant) : db.AuditLog.AsNoTracking();

        // UUIDv7 ids grow with time: the id alone orders the log and is its cursor.
        var before = page.After?.Expect("a", 1).GetGuid(0);
        List<AuditEntry> rows;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            rows = await (before is { } b ? Entries(db).Where(e => e.Id.CompareTo(b) < 0) : Entries(db))
                .OrderByDescending(e => e.Id).Take(page.First + 1).ToListAsync(cancellationToken);
        }

        // Counted later, only if selected.
        return page.ToConnection(rows, e => Cursor.Create("a", e.Id), async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await Entries(db).CountAsync(ct);
        });
    }
}
