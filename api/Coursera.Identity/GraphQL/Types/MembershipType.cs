using Coursera.Identity.Model;
using GraphQL.Types;
using Microsoft.AspNetCore.Identity;

namespace Coursera.Identity.GraphQL.Types;

public sealed class MembershipType : ObjectGraphType<Membership>
{
    public MembershipType()
    {
        Name = "Membership";
        Description = "A role held in a tenant.";
        Field<NonNullGraphType<StringGraphType>>("role").Description("platform_admin, partner_admin, instructor, org_admin or learner.")
            .Resolve(c => c.Source.Role);
        Field<NonNullGraphType<TenantType>>("tenant").Resolve(c => c.Source.Tenant);
        Field<NonNullGraphType<UserType>>("user")
            .ResolveAsync(async c => await c.Service<UserManager<User>>().FindByIdAsync(c.Source.UserId.ToString()));
    }
}
