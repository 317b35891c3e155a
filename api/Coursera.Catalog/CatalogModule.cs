using Coursera.Catalog.Data;
using Coursera.Catalog.GraphQL;
using Coursera.Catalog.GraphQL.Mutations;
using Coursera.Events;
using Coursera.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Coursera.Catalog;

/// <summary>The catalog's only entry points: used by its own Program and by the all-in-one host.</summary>
public static class CatalogModule
{
    public const string GraphQLPath = "/subgraphs/catalog/graphql";

    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPooledDbContextFactory<CatalogDbContext>((sp, options) =>
            options.UseCatalogStore(sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<CatalogLoaders>();
        builder.Services.AddSingleton<CourseSearch>();
        builder.Services.AddSingleton<CatalogDirectory>();
        builder.Services.AddSingleton<CatalogWriteAccess>();
        builder.Services.AddSingleton<CourseAuthoring>();
        builder.Services.AddSingleton<ContentAuthoring>();
        builder.Services.AddSingleton<SpecializationAuthoring>();
        builder.Services.AddHostedService<CatalogStartup>();
        builder.AddOutboxRelay(CatalogDbContext.Schema);
        builder.AddSubgraph<CatalogSchema>();
        return builder;
    }

    public static WebApplication MapCatalog(this WebApplication app, string path = GraphQLPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSubgraph<CatalogSchema>(path);
        return app;
    }
}
