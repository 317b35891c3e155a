using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coursera.Federation.BenchmarkFederation;

/// <summary>
/// The data behind the four subgraphs, exactly as in the benchmark's <c>data.json</c> (embedded in this assembly and
/// read once). Subgraphs read it only; nothing here is ever mutated.
/// </summary>
public sealed class BenchmarkData
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<BenchmarkData> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private BenchmarkData(DataFile file)
    {
        Users = file.Accounts.Users;
        Products = file.Products.Products;
        TopProductsDefaultFirst = file.Products.TopProductsDefaultFirst;
        Inventory = file.Inventory.Products;
        Reviews = file.Reviews.Reviews;
        UsersById = Users.ToDictionary(u => u.Id, StringComparer.Ordinal);
        ProductsByUpc = Products.ToDictionary(p => p.Upc, StringComparer.Ordinal);
        InventoryByUpc = Inventory.ToDictionary(p => p.Upc, StringComparer.Ordinal);
        ReviewsById = Reviews.ToDictionary(r => r.Id, StringComparer.Ordinal);
        ReviewsByProductUpc = Reviews
            .GroupBy(r => r.ProductUpc, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<BenchmarkReview>)[.. g], StringComparer.Ordinal);
    }

    /// <summary>The data set of <c>data.json</c>, parsed on first use.</summary>
    public static BenchmarkData Instance => Shared.Value;

    /// <summary>The ids of the reviews that every <c>User.reviews</c> returns (quirk <c>reviews.userReviews</c>).</summary>
    public static IReadOnlyList<string> UserReviewIds { get; } = ["1", "2"];

    public IReadOnlyList<BenchmarkUser> Users { get; }

    public IReadOnlyList<BenchmarkProduct> Products { get; }

    public int TopProductsDefaultFirst { get; }

    public IReadOnlyList<InventoryItem> Inventory { get; }

    public IReadOnlyList<BenchmarkReview> Reviews { get; }

    public IReadOnlyDictionary<string, BenchmarkUser> UsersById { get; }

    public IReadOnlyDictionary<string, BenchmarkProduct> ProductsByUpc { get; }

    public IReadOnlyDictionary<string, InventoryItem> InventoryByUpc { get; }

    public IReadOnlyDictionary<string, BenchmarkReview> ReviewsById { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<BenchmarkReview>> ReviewsByProductUpc { get; }

    /// <summary>
    /// Inventory's <c>shippingEstimate</c>, from the <c>price</c> and <c>weight</c> the gateway passes in the
    /// representation (<c>@requires(fields: "price weight")</c>): null unless price is known; price above 1000
    /// ships free; otherwise half the weight, integer division (null when weight is unknown).
    /// </summary>
    public static int? ShippingEstimate(int? price, int? weight) => price switch
    {
        null => null,
        > 1000 => 0,
        _ => weight / 2,
    };

    private static BenchmarkData Load()
    {
        using var stream = BenchmarkFiles.Open(BenchmarkFiles.Data);
        var file = JsonSerializer.Deserialize<DataFile>(stream, JsonOptions)
            ?? throw new InvalidDataException("data.json is empty.");
        return new BenchmarkData(file);
    }

    private sealed record DataFile(
        [property: JsonRequired] AccountsData Accounts,
        [property: JsonRequired] ProductsData Products,
        [property: JsonRequired] InventoryData Inventory,
        [property: JsonRequired] ReviewsData Reviews);

    private sealed record AccountsData([property: JsonRequired] IReadOnlyList<BenchmarkUser> Users);

    private sealed record ProductsData(
        [property: JsonRequired] IReadOnlyList<BenchmarkProduct> Products,
        [property: JsonRequired] int TopProductsDefaultFirst);

    private sealed record InventoryData([property: JsonRequired] IReadOnlyList<InventoryItem> Products);

    private sealed record ReviewsData([property: JsonRequired] IReadOnlyList<BenchmarkReview> Reviews);
}

/// <summary>A user of the accounts subgraph.</summary>
public sealed record BenchmarkUser(string Id, string? Name, string? Username, int? Birthday);

/// <summary>A product of the products subgraph.</summary>
public sealed record BenchmarkProduct(string Upc, string? Name, int? Price, int? Weight);

/// <summary>The inventory subgraph's own data about a product.</summary>
public sealed record InventoryItem(string Upc, bool? InStock);

/// <summary>A review of the reviews subgraph.</summary>
public sealed record BenchmarkReview(string Id, string? Body, string ProductUpc, string AuthorId);
