using Coursera.Catalog.Caching;
using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.ServiceDefaults.Caching;
using Coursera.Subgraphs.Connections;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Specializations;

/// <summary>Specializations by slug, and their alphabetical (by slug) list.</summary>
public sealed class SpecializationDirectory(IDbContextFactory<CatalogDbContext> contexts, PublicCache cache)
{
    public async Task<Specialization?> SpecializationBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slug);
        return await cache.GetOrCreateAsync($"catalog:specialization:slug:{slug}", async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Specializations.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == slug, ct);
        }, CatalogCacheTags.Specializations, cancellationToken);
    }

    public Task<Connection<Specialization>> SpecializationsAsync(PageRequest page, CancellationToken cancellationToken) =>
        SlugPages.ListAsync(contexts, db => db.Specializations, page, cancellationToken);
}
