using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Federation.Tests.Federations.Shop;

// reviews:
//   type Query { reviews: [Review!]!  review(id: ID!): Review  reviewedBooks: [Book!] }
//   type Mutation { addReview(productId: ID!, body: String!): Review! }
//   interface Product { id: ID! }                     (only Book implements it here; catalog adds Course and title, price)
//   type Book implements Product @key(fields: "id") { id: ID!  reviews(first: Int): [Review!]! }
//   type Review @key(fields: "id") { id: ID!  body: String!  rating: Int  author: User @provides(fields: "name")  product: Product }
//   type User @key(fields: "id") { id: ID!  name: String! @external  reviewCount: Int @override(from: "users")  reviews: [Review!]! }

public sealed class ReviewsSchema : Schema
{
    public ReviewsSchema(IServiceProvider services, ReviewsQuery query, ReviewsMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        this.RegisterType<ReviewsBookType>();
    }
}

public sealed class ReviewsQuery : ObjectGraphType
{
    public ReviewsQuery(ShopData data)
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReviewType>>>, IEnumerable<ShopReview>>("reviews").Resolve(_ => data.Reviews);
        Field<ReviewType, ShopReview>("review")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(context =>
            {
                var id = context.GetArgument<string>("id");
                return data.Reviews.Concat(data.ArchivedReviews).FirstOrDefault(r => r.Id == id);
            });
        Field<ListGraphType<NonNullGraphType<ReviewsBookType>>, IEnumerable<IdReference>>("reviewedBooks")
            .Resolve(_ => data.Reviews.Concat(data.ArchivedReviews).Select(r => r.ProductId).Distinct().Select(id => new IdReference { Id = id }));
    }
}

public sealed class ReviewsMutation : ObjectGraphType
{
    public ReviewsMutation(ShopData data)
    {
        Name = "Mutation";
        Field<NonNullGraphType<ReviewType>, ShopReview>("addReview")
            .Argument<NonNullGraphType<IdGraphType>>("productId")
            .Argument<NonNullGraphType<StringGraphType>>("body")
            .Resolve(context =>
            {
                lock (data.Gate)
                {
                    var review = new ShopReview
                    {
                        Id = "r" + (data.Reviews.Count + 1),
                        ProductId = context.GetArgument<string>("productId"),
                        AuthorId = "u1",
                        Body = context.GetArgument<string>("body"),
                        Rating = 3,
                    };
                    data.Reviews.Add(review);
                    return review;
                }
            });
    }
}

public sealed class ReviewsProductType : InterfaceGraphType
{
    public ReviewsProductType()
    {
        Name = "Product";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}

public sealed class ReviewsBookType : ObjectGraphType<IdReference>
{
    public ReviewsBookType(ShopData data)
    {
        Name = "Book";
        Interface<ReviewsProductType>();
        IsTypeOf = o => o is IdReference;
        this.Key("id");
        // Any id resolves: reviews keeps no list of books, only reviews that name them.
        this.ResolveReference<IdReference>((_, reference) => reference);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReviewType>>>, IEnumerable<ShopReview>>("reviews")
            .Argument<IntGraphType>("first")
            .Resolve(context => data.Reviews.Where(r => r.ProductId == context.Source.Id).Take(context.GetArgument<int?>("first") ?? int.MaxValue));
    }
}

public sealed class ReviewType : ObjectGraphType<ShopReview>
{
    public ReviewType(ShopData data)
    {
        Name = "Review";
        this.Key("id");
        this.ResolveReference<IdReference, ShopReview>((_, reference) => data.Reviews.FirstOrDefault(r => r.Id == reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("body").Resolve(context => context.Source.Body);
        Field<IntGraphType>("rating").Resolve(context => context.Source.Rating);
        // The review service keeps a copy of each author's name, and says so with @provides.
        Field<ReviewsUserType, ReviewsUser>("author")
            .Provides("name")
            .Resolve(context => new ReviewsUser { Id = context.Source.AuthorId, Name = data.User(context.Source.AuthorId)?.Name });
        Field<ReviewsProductType, IdReference>("product").Resolve(context => new IdReference { Id = context.Source.ProductId });
    }
}

public sealed class ReviewsUserType : ObjectGraphType<ReviewsUser>
{
    public ReviewsUserType(ShopData data)
    {
        Name = "User";
        this.Key("id");
        this.ResolveReference<ReviewsUser>((_, reference) => reference);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").External().Resolve(context => context.Source.Name);
        Field<IntGraphType>("reviewCount").Override("users").Resolve(context => data.Reviews.Count(r => r.AuthorId == context.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReviewType>>>, IEnumerable<ShopReview>>("reviews")
            .Resolve(context => data.Reviews.Where(r => r.AuthorId == context.Source.Id));
    }
}

/// <summary>A user as reviews sees one: the key and, when provided, the name.</summary>
public sealed class ReviewsUser
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}
