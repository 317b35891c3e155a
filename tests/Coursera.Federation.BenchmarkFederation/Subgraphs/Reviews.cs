using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Federation.BenchmarkFederation.Subgraphs;

// reviews.graphql:
//   extend type Product @key(fields: "upc") { upc: String! @external  reviews: [Review] }
//   type Review @key(fields: "id") { id: ID!  body: String  product: Product  author: User @provides(fields: "username") }
//   extend type User @key(fields: "id") { id: ID! @external  username: String @external  reviews: [Review] }
// No root fields of its own: Query holds only _service and _entities.

public sealed class ReviewsSchema : Schema
{
    public ReviewsSchema(IServiceProvider services, ReviewsQueryType query)
        : base(services)
    {
        Query = query;
        // Reachable only through _entities (Review is also reachable from them, but say so anyway).
        this.RegisterType<ReviewsProductType>();
        this.RegisterType<ReviewsUserType>();
        this.RegisterType<ReviewType>();
    }
}

public sealed class ReviewsQueryType : ObjectGraphType
{
    public ReviewsQueryType()
    {
        Name = "Query";
    }
}

public sealed class ReviewsProductType : ObjectGraphType<ReviewsProduct>
{
    public ReviewsProductType()
    {
        Name = "Product";
        this.AsExtension();
        this.Key("upc");
        var data = BenchmarkData.Instance;
        // Any upc resolves; a product without reviews has an empty list (TV, upc 5).
        this.ResolveReference<ReviewsProduct>((_, representation) => representation);
        Field<NonNullGraphType<StringGraphType>>("upc").External().Resolve(context => context.Source.Upc);
        Field<ListGraphType<ReviewType>, IEnumerable<BenchmarkReview>>("reviews")
            .Resolve(context => context.Source.Upc is { } upc ? data.ReviewsByProductUpc.GetValueOrDefault(upc) ?? [] : []);
    }
}

public sealed class ReviewType : ObjectGraphType<BenchmarkReview>
{
    public ReviewType()
    {
        Name = "Review";
        this.Key("id");
        var data = BenchmarkData.Instance;
        this.ResolveReference<ReviewKey, BenchmarkReview>((_, key) => key.Id is null ? null : data.ReviewsById.GetValueOrDefault(key.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<StringGraphType>("body").Resolve(context => context.Source.Body);
        Field<ReviewsProductType, ReviewsProduct>("product").Resolve(context => new ReviewsProduct { Upc = context.Source.ProductUpc });
        // Quirk reviews.authorProvides: every review's authorId in data.json is "1", so every author is user 1, and
        // this subgraph provides the username ("urigo") itself, which @provides announces to the gateway.
        Field<ReviewsUserType, ReviewsUser>("author")
            .Provides("username")
            .Resolve(context => new ReviewsUser
            {
                Id = context.Source.AuthorId,
                Username = data.UsersById.GetValueOrDefault(context.Source.AuthorId)?.Username,
            });
    }
}

public sealed class ReviewsUserType : ObjectGraphType<ReviewsUser>
{
    public ReviewsUserType()
    {
        Name = "User";
        this.AsExtension();
        this.Key("id");
        var data = BenchmarkData.Instance;
        // username is external: known only when it came in the representation or from Review.author (@provides).
        this.ResolveReference<ReviewsUser>((_, representation) => representation);
        Field<NonNullGraphType<IdGraphType>>("id").External().Resolve(context => context.Source.Id);
        Field<StringGraphType>("username").External().Resolve(context => context.Source.Username);
        // Quirk reviews.userReviews: every user's reviews are reviews 1 and 2, whoever the user is.
        Field<ListGraphType<ReviewType>, IEnumerable<BenchmarkReview>>("reviews")
            .Resolve(_ => BenchmarkData.UserReviewIds.Select(id => data.ReviewsById[id]));
    }
}

/// <summary>A Product as reviews sees it: just the key, from the representation <c>{ "__typename": "Product", "upc": "1" }</c>.</summary>
public sealed class ReviewsProduct
{
    public string? Upc { get; set; }
}

/// <summary>A User as reviews sees it: the key and, when provided, the username.</summary>
public sealed class ReviewsUser
{
    public string? Id { get; set; }

    public string? Username { get; set; }
}

/// <summary>The representation of a Review: <c>{ "__typename": "Review", "id": "1" }</c>.</summary>
public sealed class ReviewKey
{
    public string? Id { get; set; }
}
