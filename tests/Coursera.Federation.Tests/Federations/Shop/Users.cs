using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Federation.Tests.Federations.Shop;

// users:
//   type Query { me: User  user(id: ID!): User  users: [User!]!  node(id: ID!): Node  shopName: String! @shareable }
//   type Mutation { renameUser(id: ID!, name: String!): User }
//   interface Node { id: ID! }                        (catalog declares it too, with Book and Course)
//   type User implements Node @key(fields: "id") { id: ID!  name: String!  reviewCount: Int  org: Org }
//   type Org @key(fields: "id") { id: ID!  name: String! }
// reviewCount moved to reviews (@override there); users still serves its old, stale value.

public sealed class UsersSchema : Schema
{
    public UsersSchema(IServiceProvider services, UsersQuery query, UsersMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
    }
}

public sealed class UsersQuery : ObjectGraphType
{
    public UsersQuery(ShopData data)
    {
        Name = "Query";
        Field<UsersUserType, ShopUser>("me").Resolve(_ => data.Users[0]);
        Field<UsersUserType, ShopUser>("user")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(context => data.User(context.GetArgument<string>("id")));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UsersUserType>>>, IEnumerable<ShopUser>>("users").Resolve(_ => data.Users);
        Field<UsersNodeType, object>("node")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(context => data.User(context.GetArgument<string>("id")));
        Field<NonNullGraphType<StringGraphType>, string>("shopName").Shareable().Resolve(_ => "Shop");
    }
}

public sealed class UsersMutation : ObjectGraphType
{
    public UsersMutation(ShopData data)
    {
        Name = "Mutation";
        Field<UsersUserType, ShopUser>("renameUser")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Resolve(context =>
            {
                lock (data.Gate)
                {
                    var user = data.User(context.GetArgument<string>("id"));
                    user?.Name = context.GetArgument<string>("name");
                    return user;
                }
            });
    }
}

public sealed class UsersNodeType : InterfaceGraphType
{
    public UsersNodeType()
    {
        Name = "Node";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}

public sealed class UsersUserType : ObjectGraphType<ShopUser>
{
    public UsersUserType(ShopData data)
    {
        Name = "User";
        Interface<UsersNodeType>();
        IsTypeOf = o => o is ShopUser;
        this.Key("id");
        this.ResolveReference<IdReference, ShopUser>((_, reference) => data.User(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(context => context.Source.Name);
        Field<IntGraphType>("reviewCount").Resolve(_ => 0);
        Field<UsersOrgType, ShopOrg>("org").Resolve(context => data.Orgs.FirstOrDefault(o => o.Id == context.Source.OrgId));
    }
}

public sealed class UsersOrgType : ObjectGraphType<ShopOrg>
{
    public UsersOrgType(ShopData data)
    {
        Name = "Org";
        this.Key("id");
        this.ResolveReference<IdReference, ShopOrg>((_, reference) => data.Orgs.FirstOrDefault(o => o.Id == reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(context => context.Source.Name);
    }
}

/// <summary>The representation of an entity keyed by <c>id</c>.</summary>
public sealed class IdReference
{
    public string? Id { get; set; }
}
