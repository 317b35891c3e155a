using Coursera.Identity.Model;
using Coursera.Identity.Subgraph;
using Coursera.Identity.Tenants;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

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

        // A member's administrators see who holds a role (the id), not the person: their address, name and security
        // settings are theirs, and platform administrators' (through our own applications) for support.
        Field<StringGraphType>("email").Description("Yourself, when your token was granted the email scope; platform administrators.")
            .ResolveAsync(async c => await MayReadAsync(c, Scopes.Email) ? c.Source.Email : null);
        Field<StringGraphType>("displayName").Description("Yourself and platform administrators only.")
            .ResolveAsync(async c => await MayReadAsync(c) ? c.Source.DisplayName : null);
        Field<BooleanGraphType>("emailConfirmed").Description("Yourself and platform administrators only.")
            .ResolveAsync(async c => await MayReadAsync(c) ? c.Source.EmailConfirmed : null);
        Field<BooleanGraphType>("twoFactorEnabled").Description("Yourself and platform administrators only.")
            .ResolveAsync(async c => await MayReadAsync(c) ? c.Source.TwoFactorEnabled : null);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MembershipType>>>>("memberships")
            .Description("Roles in force. All of them for the user themselves and platform administrators; for a tenant administrator, those in tenants they administer.")
            .ResolveAsync(async c =>
            {
                var all = await c.ReadAsync((db, ct) => db.Memberships.AsNoTracking().Include(m => m.Tenant).Include(m => m.User)
                    .Where(m => m.UserId == c.Source.Id && m.State == MembershipState.Active).OrderBy(m => m.CreatedAt).ToListAsync(ct));
                var caller = c.Caller();
                return caller.UserId == c.Source.Id || caller.IsPlatformAdmin
                    ? all
                    : [.. all.Where(m => caller.HasRole(m.TenantId, TenantRoles.AdministratorOf(m.Tenant!.Kind)))];
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MembershipType>>>>("tenantInvitations")
            .Description("Invitations to a tenant waiting for your answer (acceptTenantInvitation, declineTenantInvitation); yours only.")
            .ResolveAsync(async c => c.Caller().UserId == c.Source.Id
                ? await c.ReadAsync((db, ct) => db.Memberships.AsNoTracking().Include(m => m.Tenant)
                    .Where(m => m.UserId == c.Source.Id && m.State == MembershipState.Invited).OrderBy(m => m.CreatedAt).ToListAsync(ct))
                : []);
    }

    /// <param name="scope">For the user themselves, the scope their token needs for this field (a third-party application sees only what was consented to).</param>
    private static async Task<bool> MayReadAsync(IResolveFieldContext<User> context, string? scope = null)
    {
        var caller = context.Caller();
        if (caller.UserId == context.Source.Id)
        {
            return scope is null || caller.HasScope(scope);
        }

        return caller.IsPlatformAdmin && await context.Service<AdministrationAccess>().IsFirstPartyAsync(caller, context.CancellationToken);
    }
}
