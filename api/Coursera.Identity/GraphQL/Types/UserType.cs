using Coursera.Identity.Data;
using Coursera.Identity.Model;
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
            .ResolveAsync(async c => await c.ReadAsync((db, ct) => db.Memberships.AsNoTracking().Include(m => m.Tenant).Include(m => m.User)
                .Where(m => m.UserId == c.Source.Id).OrderBy(m => m.CreatedAt).ToListAsync(ct)));
    }
}
