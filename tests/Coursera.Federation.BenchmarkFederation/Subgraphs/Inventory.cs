using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Federation.BenchmarkFederation.Subgraphs;

// inventory.graphql:
//   extend type Product @key(fields: "upc") {
//     upc: String! @external  weight: Int @external  price: Int @external
//     inStock: Boolean  shippingEstimate: Int @requires(fields: "price weight")
//   }
// No root fields of its own: Query holds only _service and _entities.

public sealed class InventorySchema : Schema
{
    public InventorySchema(IServiceProvider services, InventoryQueryType query)
        : base(services)
    {
        Query = query;
        // Reachable only through _entities, so it must be registered by hand.
        this.RegisterType<InventoryProductType>();
    }
}

public sealed class InventoryQueryType : ObjectGraphType
{
    public InventoryQueryType()
    {
        Name = "Query";
    }
}

public sealed class InventoryProductType : ObjectGraphType<InventoryProduct>
{
    public InventoryProductType()
    {
        Name = "Product";
        this.AsExtension();
        this.Key("upc");
        var data = BenchmarkData.Instance;
        // The representation carries upc and, for shippingEstimate, the required price and weight. A upc inventory
        // does not know still resolves (inStock null), as the reference subgraph does.
        this.ResolveReference<InventoryProduct>((_, representation) =>
        {
            representation.InStock = representation.Upc is null ? null : data.InventoryByUpc.GetValueOrDefault(representation.Upc)?.InStock;
            return representation;
        });
        Field<NonNullGraphType<StringGraphType>>("upc").External().Resolve(context => context.Source.Upc);
        Field<IntGraphType>("weight").External().Resolve(context => context.Source.Weight);
        Field<IntGraphType>("price").External().Resolve(context => context.Source.Price);
        Field<BooleanGraphType>("inStock").Resolve(context => context.Source.InStock);
        Field<IntGraphType>("shippingEstimate")
            .Requires("price weight")
            .Resolve(context => BenchmarkData.ShippingEstimate(context.Source.Price, context.Source.Weight));
    }
}

/// <summary>
/// A Product as inventory sees it: built from the representation
/// <c>{ "__typename": "Product", "upc": "1", "price": 899, "weight": 100 }</c>, plus inventory's own inStock.
/// </summary>
public sealed class InventoryProduct
{
    public string? Upc { get; set; }

    public int? Price { get; set; }

    public int? Weight { get; set; }

    public bool? InStock { get; set; }
}
