using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Federation.Tests.Federations.Shop;

// inventory (no root fields; Book is reachable only through _entities, and only by its isbn key):
//   type Book @key(fields: "isbn") {
//     isbn: String!  stock: Int  price: Money! @external  weight: Int @external
//     shippingEstimate: Int @requires(fields: "price { amount } weight") }
//   type Money @shareable { amount: Int!  currency: String! }

public sealed class InventorySchema : Schema
{
    public InventorySchema(IServiceProvider services, InventoryQuery query)
        : base(services)
    {
        Query = query;
        this.RegisterType<InventoryBookType>();
    }
}

public sealed class InventoryQuery : ObjectGraphType
{
    public InventoryQuery()
    {
        Name = "Query";
    }
}

public sealed class InventoryBookType : ObjectGraphType<InventoryBook>
{
    public InventoryBookType(ShopData data)
    {
        Name = "Book";
        this.Key("isbn");
        this.ResolveReference<InventoryBook>((_, representation) => representation);
        Field<NonNullGraphType<StringGraphType>>("isbn").Resolve(context => context.Source.Isbn);
        Field<IntGraphType>("stock").Resolve(context => context.Source.Isbn is { } isbn && data.Stock.TryGetValue(isbn, out var stock)
            ? stock
            : throw new ExecutionError($"The warehouse for {context.Source.Isbn} is closed.") { Code = "WAREHOUSE_CLOSED" });
        Field<NonNullGraphType<InventoryMoneyType>, Money>("price").External().Resolve(context => context.Source.Price);
        Field<IntGraphType>("weight").External().Resolve(context => context.Source.Weight);
        // Only computable from what the representation brings: a missing requirement is a loud error, not a guess.
        Field<IntGraphType>("shippingEstimate")
            .Requires("price { amount } weight")
            .Resolve(context => context.Source is { Price.Amount: { } amount, Weight: { } weight }
                ? weight / 100 + (amount >= 1000 ? 0 : 5)
                : throw new ExecutionError("shippingEstimate needs price { amount } and weight in the representation.") { Code = "REQUIRES_MISSING" });
    }
}

public sealed class InventoryMoneyType : ObjectGraphType<Money>
{
    public InventoryMoneyType()
    {
        Name = "Money";
        this.Shareable();
        Field<NonNullGraphType<IntGraphType>>("amount").Resolve(context => context.Source.Amount);
        Field<NonNullGraphType<StringGraphType>>("currency").Resolve(context => context.Source.Currency);
    }
}

/// <summary>A book as inventory sees it: built from the representation (isbn, and for shippingEstimate its requirements).</summary>
public sealed class InventoryBook
{
    public string? Isbn { get; set; }

    public Money? Price { get; set; }

    public int? Weight { get; set; }
}
