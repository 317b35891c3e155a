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

    public async Task<Connection<Partner>> PartnersAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var partners = db.Partners.AsNoTracking();
        if (page.After?.Expect("s", 1) is { } after)
        {
            var slug = after.GetString(0);
            partners = partners.Where(p => string.Compare(p.Slug, slug) > 0);
        }

        var rows = await partners.OrderBy(p => p.Slug).Take(page.First + 1).ToListAsync(cancellationToken);
        return page.ToConnection(rows, p => Cursor.Create("s", p.Slug), CountAsync);
    }

    private async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Partners.CountAsync(cancellationToken);
    }
}
