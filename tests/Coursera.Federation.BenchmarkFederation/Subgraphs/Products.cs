using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Federation.BenchmarkFederation.Subgraphs;

// products.graphql:
//   type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }
//   extend type Query { topProducts(first: Int = 5): [Product] }

public sealed class ProductsSchema : Schema
{
    public ProductsSchema(IServiceProvider services, ProductsQueryType query)
        : base(services)
    {
        Query = query;
    }
}

public sealed class ProductsQueryType : ObjectGraphType
{
    public ProductsQueryType()
    {
        Name = "Query";
        this.AsExtension();
        var data = BenchmarkData.Instance;
        Field<ListGraphType<ProductsProductType>, IEnumerable<BenchmarkProduct>>("topProducts")
            .Argument<IntGraphType>("first", argument => argument.DefaultValue = data.TopProductsDefaultFirst)
            // An explicit null takes the default too; a negative count gives an empty list.
            .Resolve(context => data.Products.Take(Math.Max(0, context.GetArgument<int?>("first") ?? data.TopProductsDefaultFirst)));
    }
}

public sealed class ProductsProductType : ObjectGraphType<BenchmarkProduct>
{
    public ProductsProductType()
    {
        Name = "Product";
        this.Key("upc");
        var data = BenchmarkData.Instance;
        this.ResolveReference<ProductKey, BenchmarkProduct>((_, key) => key.Upc is null ? null : data.ProductsByUpc.GetValueOrDefault(key.Upc));
        Field<NonNullGraphType<StringGraphType>>("upc").Resolve(context => context.Source.Upc);
        Field<StringGraphType>("name").Resolve(context => context.Source.Name);
        Field<IntGraphType>("price").Resolve(context => context.Source.Price);
        Field<IntGraphType>("weight").Resolve(context => context.Source.Weight);
    }
}

/// <summary>The representation of a Product in the products subgraph: <c>{ "__typename": "Product", "upc": "1" }</c>.</summary>
public sealed class ProductKey
{
    public string? Upc { get; set; }
}
