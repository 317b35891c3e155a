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

    public Task<Connection<Specialization>> SpecializationsAsync(PageRequest page, CancellationToken cancellationToken) =>
        SlugPages.ListAsync(contexts, db => db.Specializations, page, cancellationToken);
}
