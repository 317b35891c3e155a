using Coursera.Federation.Tests.Fixtures;

namespace Coursera.Federation.Tests.Federations.Shop;

/// <summary>
/// The shop federation: users, catalog, reviews and inventory. Between them: an interface (<c>Product</c>) and a
/// union (<c>SearchResult</c>) across subgraphs, an interface (<c>Node</c>) each subgraph implements with its own
/// types, several keys (<c>Book</c>: id and isbn, inventory knows only isbn), <c>@requires</c> with a nested
/// selection, <c>@provides</c>, a <c>@shareable</c> value type and root field, <c>@override</c>,
/// <c>@inaccessible</c>, and mutations in three subgraphs.
/// </summary>
internal static class ShopFederation
{
    public static IReadOnlyDictionary<string, TestSubgraph> Create()
    {
        var data = new ShopData();
        TestSubgraph[] subgraphs =
        [
            TestSubgraph.Create<UsersSchema>("users", data,
                typeof(UsersQuery), typeof(UsersMutation), typeof(UsersNodeType), typeof(UsersUserType), typeof(UsersOrgType)),
            TestSubgraph.Create<CatalogSchema>("catalog", data,
                typeof(CatalogQuery), typeof(CatalogMutation), typeof(CatalogNodeType), typeof(CatalogProductType), typeof(CatalogBookType),
                typeof(CatalogCourseType), typeof(CatalogMoneyType), typeof(CatalogUserType), typeof(SearchResultType)),
            TestSubgraph.Create<ReviewsSchema>("reviews", data,
                typeof(ReviewsQuery), typeof(ReviewsMutation), typeof(ReviewsProductType), typeof(ReviewsBookType), typeof(ReviewType),
                typeof(ReviewsUserType)),
            TestSubgraph.Create<InventorySchema>("inventory", data,
                typeof(InventoryQuery), typeof(InventoryBookType), typeof(InventoryMoneyType)),
        ];
        return subgraphs.ToDictionary(s => s.Name);
    }
}
