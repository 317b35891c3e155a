using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Federation.BenchmarkFederation.Subgraphs;

// accounts.graphql:
//   extend type Query { me: User  user(id: ID!): User  users: [User] }
//   type User @key(fields: "id") { id: ID!  name: String  username: String  birthday: Int }

public sealed class AccountsSchema : Schema
{
    public AccountsSchema(IServiceProvider services, AccountsQueryType query)
        : base(services)
    {
        Query = query;
    }
}

public sealed class AccountsQueryType : ObjectGraphType
{
    public AccountsQueryType()
    {
        Name = "Query";
        this.AsExtension();
        var data = BenchmarkData.Instance;
        // As in the reference subgraph, "me" is the first user.
        Field<AccountsUserType, BenchmarkUser>("me").Resolve(_ => data.Users.Count > 0 ? data.Users[0] : null);
        Field<AccountsUserType, BenchmarkUser>("user")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(context => data.UsersById.GetValueOrDefault(context.GetArgument<string>("id")));
        Field<ListGraphType<AccountsUserType>, IEnumerable<BenchmarkUser>>("users").Resolve(_ => data.Users);
    }
}

public sealed class AccountsUserType : ObjectGraphType<BenchmarkUser>
{
    public AccountsUserType()
    {
        Name = "User";
        this.Key("id");
        var data = BenchmarkData.Instance;
        this.ResolveReference<UserKey, BenchmarkUser>((_, key) => key.Id is null ? null : data.UsersById.GetValueOrDefault(key.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<StringGraphType>("name").Resolve(context => context.Source.Name);
        Field<StringGraphType>("username").Resolve(context => context.Source.Username);
        Field<IntGraphType>("birthday").Resolve(context => context.Source.Birthday);
    }
}

/// <summary>The representation of a User: <c>{ "__typename": "User", "id": "1" }</c>.</summary>
public sealed class UserKey
{
    public string? Id { get; set; }
}
