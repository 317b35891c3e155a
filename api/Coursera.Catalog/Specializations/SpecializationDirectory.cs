using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.Subgraphs.Connections;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Specializations;

/// <summary>Specializations by slug, and their alphabetical (by slug) list.</summary>
public sealed class SpecializationDirectory(IDbContextFactory<CatalogDbContext> contexts)
{
    public async Task<Specialization?> SpecializationBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Specializations.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == slug, cancellationToken);
    }

    public async Task<Connection<Specialization>> SpecializationsAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var specializations = db.Specializations.AsNoTracking();
        if (page.After?.Expect("s", 1) is { } after)
        {
            var slug = after.GetString(0);
            specializations = specializations.Where(s => string.Compare(s.Slug, slug) > 0);
        }

        var rows = await specializations.OrderBy(s => s.Slug).Take(page.First + 1).ToListAsync(cancellationToken);
        return page.ToConnection(rows, s => Cursor.Create("s", s.Slug), CountAsync);
    }

    private async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Specializations.CountAsync(cancellationToken);
    }
}
