using Coursera.Catalog.Caching;
using Coursera.Catalog.Content;
using Coursera.Catalog.Courses;
using Coursera.Catalog.Data;
using Coursera.Catalog.Partners;
using Coursera.Catalog.Specializations;
using Coursera.Catalog.Subgraph;
using Coursera.Events;
using Coursera.ServiceDefaults.Data;
using Coursera.Subgraphs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coursera.Catalog;

/// <summary>The catalog's only entry points: used by its own Program and by the all-in-one host.</summary>
public static class CatalogModule
{
    public const string Section = "Catalog";
    public const string GraphQLPath = "/subgraphs/catalog/graphql";

    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceStore<CatalogDbContext>(CatalogDbContext.Schema, Section)
            .Seed<CatalogSeed>();
        builder.AddEvents(CatalogDbContext.Schema)
            .Handle<CatalogCacheInvalidation>("catalog-cache");

        builder.Services.AddSingleton<PartnerAccess>();
        builder.Services.AddSingleton<PartnerDirectory>();
        builder.Services.AddSingleton<CourseDirectory>();
        builder.Services.AddSingleton<CourseSearch>();
        builder.Services.AddSingleton<CourseAuthoring>();
        builder.Services.AddSingleton<ContentAuthoring>();
        builder.Services.AddSingleton<SpecializationDirectory>();
        builder.Services.AddSingleton<SpecializationAuthoring>();
        builder.Services.AddScoped<CatalogLoaders>();
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
