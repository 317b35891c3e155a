using Coursera.Catalog.Model;
using Coursera.Subgraphs.Connections;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Data;

/// <summary>Lists in slug order, paged by keyset: the cursor is the last slug seen, so a page is one indexed range scan.</summary>
internal static class SlugPages
{
    public static async Task<Connection<T>> ListAsync<T>(IDbContextFactory<CatalogDbContext> contexts, Func<CatalogDbContext, IQueryable<T>> rows,
        PageRequest page, CancellationToken cancellationToken)
        where T : class, ISlugged
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = rows(db).AsNoTracking();
        if (page.After?.Expect("s", 1) is { } after)
        {
            var slug = after.GetString(0);
            query = query.Where(r => string.Compare(r.Slug, slug) > 0);
        }

        var found = await query.OrderBy(r => r.Slug).Take(page.First + 1).ToListAsync(cancellationToken);
        return page.ToConnection(found, r => Cursor.Create("s", r.Slug), async ct =>
        {
            await using var counting = await contexts.CreateDbContextAsync(ct);
            return await rows(counting).CountAsync(ct);
        });
    }
}
