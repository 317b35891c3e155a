using Coursera.Identity.Model;
using Coursera.Identity.Subgraph;
using Coursera.Identity.Tenants;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL.Federation;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Identity.Users;

public sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";

        // Other subgraphs add fields to the user (the learner subgraph: enrollments). A user resolves by reference only
        // for themselves and platform administrators, so no subgraph can reach someone's email through an id.
        this.Key("id");
        this.ResolveReference<IdReference, User>(async (context, reference) =>
        {
            var caller = context.Caller();
            return caller.UserId == reference.Id || caller.IsPlatformAdmin
                ? await context.ReadAsync((db, ct) => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == reference.Id, ct))
                : null;
        });
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
