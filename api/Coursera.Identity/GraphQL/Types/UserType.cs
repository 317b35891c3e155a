using Coursera.Identity.Data;
using Coursera.Identity.Model;
using Coursera.ServiceDefaults.Authentication;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Identity.GraphQL.Types;

public sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("email").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(c => c.Source.DisplayName);
        Field<NonNullGraphType<BooleanGraphType>>("emailConfirmed").Resolve(c => c.Source.EmailConfirmed);
        Field<NonNullGraphType<BooleanGraphType>>("twoFactorEnabled").Resolve(c => c.Source.TwoFactorEnabled);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MembershipType>>>>("memberships")
            .Description("All of them for the user themselves and platform administrators; for a tenant administrator, those in tenants they administer.")
            .ResolveAsync(async c =>
            {
                var all = await c.ReadAsync((db, ct) => db.Memberships.AsNoTracking().Include(m => m.Tenant).Include(m => m.User)
                    .Where(m => m.UserId == c.Source.Id).OrderBy(m => m.CreatedAt).ToListAsync(ct));
                var caller = c.Caller();
                return caller.UserId == c.Source.Id || caller.IsPlatformAdmin
                    ? all
                    : [.. all.Where(m => caller.HasRole(m.TenantId, TenantRoles.AdministratorOf(m.Tenant!.Kind)))];
            });
    }
}
