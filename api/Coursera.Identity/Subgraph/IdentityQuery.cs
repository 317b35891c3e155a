using Coursera.Identity.Audit;
using Coursera.Identity.Tenants;
using Coursera.Identity.Users;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Connections;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Identity.Subgraph;

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
                var trail = c.Service<AuditTrail>();
                await trail.EnsureReaderAsync(c.Caller(), c.CancellationToken);
                return await trail.ReadAsync(c.GetArgument<string?>("tenantId"), PageRequest.From(c), c.CancellationToken);
            });
    }
}
