using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.Subgraphs.Connections;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Partners;

/// <summary>Partners by slug, and their alphabetical (by slug) list.</summary>
public sealed class PartnerDirectory(IDbContextFactory<CatalogDbContext> contexts)
{
    public async Task<Partner?> PartnerBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
    }

    public Task<Connection<Partner>> PartnersAsync(PageRequest page, CancellationToken cancellationToken) =>
        SlugPages.ListAsync(contexts, db => db.Partners, page, cancellationToken);
}
