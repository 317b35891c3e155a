using Coursera.GraphQL.Connections;
using Coursera.GraphQL.Errors;
using Coursera.Identity.Administration;
using Coursera.Identity.Data;
using Coursera.Identity.GraphQL.Types;
using Coursera.Identity.Model;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Identity.GraphQL;

public sealed class IdentityQuery : ObjectGraphType
{
    public IdentityQuery()
    {
        Name = "Query";

        Field<UserType>("viewer")
            .Description("The signed-in user with their memberships; null for an anonymous caller or an API client.")
            .ResolveAsync(async c => c.Caller().UserId is { } id ? await c.ReadAsync((db, ct) => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct)) : null);

        Field<TenantType>("tenant")
            .Description("A tenant, for its administrators and platform administrators.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.Service<TenantAdministration>().AdministeredTenantAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken));

        Field<NonNullGraphType<AuditEntryConnectionType>>("auditLog")
            .Description("Security events, newest first; platform administrators only.")
            .Argument<IdGraphType>("tenantId", "Only the events of this tenant.")
            .Argument<IntGraphType>("first", "At most 100; 20 when omitted.")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                await c.Service<AdministrationAccess>().EnsurePlatformAdministratorAsync(c.Caller(), c.CancellationToken);
                var page = PageRequest.From(c);
                Guid? tenantId = c.GetArgument<string?>("tenantId") is { } rawTenant
                    ? Guid.TryParse(rawTenant, out var parsed) ? parsed : throw GraphQLErrors.BadUserInput("tenantId is not an id.")
                    : null;
                IQueryable<AuditEntry> Entries(IdentityServiceDbContext db) =>
                    tenantId is { } tenant ? db.AuditLog.AsNoTracking().Where(e => e.TenantId == tenant) : db.AuditLog.AsNoTracking();

                // UUIDv7 ids grow with time: the id alone orders the log and is its cursor.
                var before = page.After?.Expect("a", 1).GetGuid(0);
                var rows = await c.ReadAsync((db, ct) => (before is { } b ? Entries(db).Where(e => e.Id.CompareTo(b) < 0) : Entries(db))
                    .OrderByDescending(e => e.Id).Take(page.First + 1).ToListAsync(ct));
                // Counted later, only if selected, when this field's context is gone: take the factory now.
                var contexts = c.Service<IDbContextFactory<IdentityServiceDbContext>>();
                return page.ToConnection(rows, e => Cursor.Create("a", e.Id), async ct =>
                {
                    await using var db = await contexts.CreateDbContextAsync(ct);
                    return await Entries(db).CountAsync(ct);
                });
            });
    }
}
