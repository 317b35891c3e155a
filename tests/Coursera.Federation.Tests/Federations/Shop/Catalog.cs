using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Federation.Tests.Federations.Shop;

// catalog:
//   type Query { products: [Product!]!  product(id: ID!): Product  book(id: ID!): Book  topBooks(first: Int = 2): [Book!]!
//                search(term: String!): [SearchResult!]!  nodes(ids: [ID!]!): [Node]!  failingField: String
//                shopName: String! @shareable }
//   type Mutation { setPrice(bookId: ID!, amount: Int!): Book }
//   interface Node { id: ID! }
//   interface Product { id: ID!  title: String!  price: Money! }
//   type Book implements Product & Node @key(fields: "id") @key(fields: "isbn") {
//     id: ID!  isbn: String!  title: String!  price: Money!  weight: Int  author: User  internalCode: String @inaccessible }
//   type Course implements Product & Node @key(fields: "id") { id: ID!  title: String!  price: Money!  lessons: Int }
//   type Money @shareable { amount: Int!  currency: String! }
//   type User @key(fields: "id", resolvable: false) { id: ID! }
//   union SearchResult = Book | Course | User

public sealed class CatalogSchema : Schema
{
    public CatalogSchema(IServiceProvider services, CatalogQuery query, CatalogMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        this.RegisterType<CatalogCourseType>();
    }
}

public sealed class CatalogQuery : ObjectGraphType
{
    public CatalogQuery(ShopData data)
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CatalogProductType>>>, IEnumerable<object>>("products")
            .Resolve(_ => [.. data.Books, .. data.Courses]);
        Field<CatalogProductType, object>("product")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(context => Product(data, context.GetArgument<string>("id")));
        Field<CatalogBookType, ShopBook>("book")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(context => data.Book(context.GetArgument<string>("id")));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CatalogBookType>>>, IEnumerable<ShopBook>>("topBooks")
            .Argument<IntGraphType>("first", argument => argument.DefaultValue = 2)
            .Resolve(context => data.Books.Take(context.GetArgument<int?>("first") ?? 2));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SearchResultType>>>, IEnumerable<object>>("search")
            .Argument<NonNullGraphType<StringGraphType>>("term")
            .Resolve(context =>
            {
                var term = context.GetArgument<string>("term");
                bool Matches(string text) => text.Contains(term, StringComparison.OrdinalIgnoreCase);
                return [
                    .. data.Books.Where(b => Matches(b.Title)),
                    .. data.Courses.Where(c => Matches(c.Title)),
                    .. data.Users.Where(u => Matches(u.Name)).Select(u => new UserReference { Id = u.Id }),
                ];
            });
        // The catalog's User does not implement Node here: a Node position in the catalog is never a User.
        Field<NonNullGraphType<ListGraphType<CatalogNodeType>>, IEnumerable<object?>>("nodes")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .Resolve(context => context.GetArgument<List<string>>("ids").Select(id => Product(data, id)));
        Field<StringGraphType, string>("failingField")
            .Resolve(_ => throw new ExecutionError("The catalog refuses on purpose.") { Code = "REFUSED" });
        Field<NonNullGraphType<StringGraphType>, string>("shopName").Shareable().Resolve(_ => "Shop");
    }

    private static object? Product(ShopData data, string id) =>
        (object?)data.Book(id) ?? data.Courses.FirstOrDefault(c => c.Id == id);
}

public sealed class CatalogMutation : ObjectGraphType
{
    public CatalogMutation(ShopData data)
    {
        Name = "Mutation";
        Field<CatalogBookType, ShopBook>("setPrice")
            .Argument<NonNullGraphType<IdGraphType>>("bookId")
            .Argument<NonNullGraphType<IntGraphType>>("amount")
            .Resolve(context =>
            {
                lock (data.Gate)
                {
                    var book = data.Book(context.GetArgument<string>("bookId"));
                    book?.Amount = context.GetArgument<int>("amount");
                    return book;
                }
            });
    }
}

public sealed class CatalogNodeType : InterfaceGraphType
{
    public CatalogNodeType()
    {
        Name = "Node";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}

public sealed class CatalogProductType : InterfaceGraphType
{
    public CatalogProductType()
    {
        Name = "Product";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<NonNullGraphType<CatalogMoneyType>>("price");
    }
}

public sealed class CatalogBookType : ObjectGraphType<ShopBook>
{
    public CatalogBookType(ShopData data)
    {
        Name = "Book";
        Interface<CatalogProductType>();
        Interface<CatalogNodeType>();
        IsTypeOf = o => o is ShopBook;
        this.Key("id");
        this.Key("isbn");
        // A representation carries one of the two keys.
        this.ResolveReference<BookReference, ShopBook>((_, reference) =>
            reference.Id is { } id ? data.Book(id) : data.Books.FirstOrDefault(b => b.Isbn == reference.Isbn));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("isbn").Resolve(context => context.Source.Isbn);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(context => context.Source.Title);
        Field<NonNullGraphType<CatalogMoneyType>, Money>("price").Resolve(context => new Money { Amount = context.Source.Amount, Currency = "EUR" });
        Field<IntGraphType>("weight").Resolve(context => context.Source.Weight);
        Field<CatalogUserType, UserReference>("author")
            .Resolve(context => context.Source.AuthorId is { } id ? new UserReference { Id = id } : null);
        Field<StringGraphType>("internalCode").Inaccessible().Resolve(context => context.Source.InternalCode);
    }
}

public sealed class CatalogCourseType : ObjectGraphType<ShopCourse>
{
    public CatalogCourseType(ShopData data)
    {
        Name = "Course";
        Interface<CatalogProductType>();
        Interface<CatalogNodeType>();
        IsTypeOf = o => o is ShopCourse;
        this.Key("id");
        this.ResolveReference<IdReference, ShopCourse>((_, reference) => data.Courses.FirstOrDefault(c => c.Id == reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(context => context.Source.Title);
        Field<NonNullGraphType<CatalogMoneyType>, Money>("price").Resolve(context => new Money { Amount = context.Source.Amount, Currency = "EUR" });
        Field<IntGraphType>("lessons").Resolve(context => context.Source.Lessons);
    }
}

public sealed class CatalogMoneyType : ObjectGraphType<Money>
{
    public CatalogMoneyType()
    {
        Name = "Money";
        this.Shareable();
        Field<NonNullGraphType<IntGraphType>>("amount").Resolve(context => context.Source.Amount);
        Field<NonNullGraphType<StringGraphType>>("currency").Resolve(context => context.Source.Currency);
    }
}

/// <summary>A user as the catalog knows one: a reference by id, resolved by the users subgraph.</summary>
public sealed class CatalogUserType : ObjectGraphType<UserReference>
{
    public CatalogUserType()
    {
        Name = "User";
        IsTypeOf = o => o is UserReference;
        this.Key("id", resolvable: false);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
    }
}

public sealed class SearchResultType : UnionGraphType
{
    public SearchResultType()
    {
        Name = "SearchResult";
        Type<CatalogBookType>();
        Type<CatalogCourseType>();
        Type<CatalogUserType>();
    }
}

public sealed class UserReference
{
    public string? Id { get; set; }
}

public sealed class BookReference
{
    public string? Id { get; set; }

    public string? Isbn { get; set; }
}
