using Coursera.Identity.Clients;
using Coursera.Identity.Model;
using Coursera.Identity.Subgraph;
using Coursera.Subgraphs;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Identity.Tenants;

public sealed class TenantKindType : EnumerationGraphType<TenantKind>
{
    public TenantKindType() => Name = "TenantKind";
}

/// <summary>A partner, an organization or the platform. Its members and API clients are shown to its administrators only.</summary>
public sealed class TenantType : ObjectGraphType<Tenant>
{
    public TenantType()
    {
        Name = "Tenant";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<TenantKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("slug").Resolve(c => c.Source.Slug);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MembershipType>>>>("members")
            .Description("Who holds which role here. Administrators only.")
            .ResolveAsync(async c =>
            {
                await c.Service<AdministrationAccess>().EnsureTenantAdministratorAsync(c.Caller(), c.Source, c.CancellationToken);
                return await c.ReadAsync((db, ct) => db.Memberships.AsNoTracking().Include(m => m.Tenant).Include(m => m.User)
                    .Where(m => m.TenantId == c.Source.Id).OrderBy(m => m.CreatedAt).ToListAsync(ct));
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiClientType>>>>("apiClients")
            .Description("The tenant's API clients, revoked ones included. Administrators only.")
            .ResolveAsync(async c =>
            {
                await c.Service<AdministrationAccess>().EnsureTenantAdministratorAsync(c.Caller(), c.Source, c.CancellationToken);
                return await c.ReadAsync((db, ct) => db.ApiClients.AsNoTracking().Include(a => a.Tenant)
                    .Where(a => a.TenantId == c.Source.Id).OrderBy(a => a.CreatedAt).ToListAsync(ct));
            });
    }
}
