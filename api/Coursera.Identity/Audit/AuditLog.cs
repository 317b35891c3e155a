using Coursera.Identity.Data;
using Coursera.Identity.Model;

namespace Coursera.Identity.Audit;

/// <summary>
/// Writes security events to the append-only audit log. <see cref="Add"/> records with the change it describes (one
/// transaction: a role is never given without its record); <see cref="RecordAsync"/> records an event on its own
/// (a failed sign-in changes nothing else).
/// </summary>
public sealed class AuditLog(IdentityServiceDbContext db, IHttpContextAccessor http)
{
    public void Add(string type, Guid? actorUserId = null, string? actorClientId = null, Guid? subjectUserId = null, Guid? tenantId = null,
        string? detail = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            Type = type,
            ActorUserId = actorUserId,
            ActorClientId = actorClientId,
            SubjectUserId = subjectUserId,
            TenantId = tenantId,
            Detail = detail is { Length: > 500 } ? detail[..500] : detail,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });

    public async Task RecordAsync(string type, Guid? actorUserId = null, string? actorClientId = null, Guid? subjectUserId = null,
        Guid? tenantId = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        Add(type, actorUserId, actorClientId, subjectUserId, tenantId, detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}
