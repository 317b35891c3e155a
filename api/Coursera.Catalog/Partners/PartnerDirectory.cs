using Coursera.Catalog.Caching;
using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.ServiceDefaults.Caching;
using Coursera.Subgraphs.Connections;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Partners;

/// <summary>Partners by slug, and their alphabetical (by slug) list.</summary>
public sealed class PartnerDirectory(IDbContextFactory<CatalogDbContext> contexts, PublicCache cache)
{
    public async Task<Partner?> PartnerBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slug);
        return await cache.GetOrCreateAsync($"catalog:partner:slug:{slug}", async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, ct);
        }, CatalogCacheTags.Partners, cancellationToken);
    }

    public Task<Connection<Partner>> PartnersAsync(PageRequest page, CancellationToken cancellationToken) =>
        SlugPages.ListAsync(contexts, db => db.Partners, page, cancellationToken);
}
