using Coursera.Identity.Model;
using Coursera.Identity.Users;
using Coursera.Subgraphs;
using GraphQL.Types;

namespace Coursera.Identity.Tenants;

public sealed class MembershipStateType : EnumerationGraphType<MembershipState>
{
    public MembershipStateType()
    {
        Name = "MembershipState";
        Description = "INVITED until the person accepts (no role, no claims, their account not shown to the tenant); then ACTIVE.";
    }
}

public sealed class MembershipType : ObjectGraphType<Membership>
{
    public MembershipType()
    {
        Name = "Membership";
        Description = "A role held in a tenant, or offered by an invitation the person has not answered yet.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The invitation's id for acceptTenantInvitation and declineTenantInvitation.")
            .Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("role").Description("platform_admin, partner_admin, instructor, org_admin or learner.")
            .Resolve(c => c.Source.Role);
        Field<NonNullGraphType<MembershipStateType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<TenantType>>("tenant").Resolve(c => c.Source.Tenant);
        // Loaded with the membership by whoever lists memberships (one query, and no second use of the request's DbContext
        // from resolvers running side by side). Until the person accepts, the tenant does not learn which account an
        // address belongs to: an id would tie the address to the ids partners receive in events.
        Field<UserType>("user").Description("The member (their own details are shown to themselves only); null while invited.")
            .Resolve(c =>
            {
                var caller = c.Caller();
                return c.Source.IsActive || caller.UserId == c.Source.UserId || caller.IsPlatformAdmin ? c.Source.User : null;
            });
    }
}
