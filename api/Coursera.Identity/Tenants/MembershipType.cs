using Coursera.Identity.Model;
using Coursera.Identity.Users;
using GraphQL.Types;

namespace Coursera.Identity.Tenants;

public sealed class MembershipType : ObjectGraphType<Membership>
{
    public MembershipType()
    {
        Name = "Membership";
        Description = "A role held in a tenant.";
        Field<NonNullGraphType<StringGraphType>>("role").Description("platform_admin, partner_admin, instructor, org_admin or learner.")
            .Resolve(c => c.Source.Role);
        Field<NonNullGraphType<TenantType>>("tenant").Resolve(c => c.Source.Tenant);
        // Loaded with the membership by whoever lists memberships (one query, and no second use of the request's DbContext
        // from resolvers running side by side).
        Field<NonNullGraphType<UserType>>("user").Resolve(c => c.Source.User);
    }
}
