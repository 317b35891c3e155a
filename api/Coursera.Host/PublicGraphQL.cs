using Coursera.Catalog;
using Coursera.Catalog.GraphQL;
using Coursera.GraphQL;

namespace Coursera.Host;

/// <summary>The public <c>/graphql</c> endpoint. Until the federation gateway exists it serves the catalog subgraph.</summary>
internal static class PublicGraphQL
{
    public const string Path = "/graphql";

    public static WebApplication MapPublicGraphQL(this WebApplication app)
    {
        app.MapSubgraph<CatalogSchema>(Path);
        return app;
    }
}
