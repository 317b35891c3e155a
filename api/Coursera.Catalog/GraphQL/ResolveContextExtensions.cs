using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Catalog.GraphQL;

internal static class ResolveContextExtensions
{
    public static CatalogLoaders Loaders(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<CatalogLoaders>();

    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();
}
