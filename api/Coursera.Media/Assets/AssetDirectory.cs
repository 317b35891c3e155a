using Coursera.Media.Data;
using Coursera.Media.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Connections;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Media.Assets;

/// <summary>The read side of assets: one by id, and a partner's, newest first, for those who may manage them.</summary>
public sealed class AssetDirectory(IDbContextFactory<MediaDbContext> contexts)
{
    public async Task<Asset?> FindAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var assetId = Ids.Parse(id, "id");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assetId, cancellationToken);
        return asset is not null && AssetAccess.CanManage(caller, asset.PartnerId) ? asset : null;
    }

    public async Task<Connection<Asset>> OfPartnerAsync(string partnerId, AssetState? state, PageRequest page, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var partner = Ids.Parse(partnerId, "partnerId");
        AssetAccess.Ensure(caller, partner);
        var after = page.After?.Expect("assets", 1).GetGuid(0);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assets = db.Assets.AsNoTracking().Where(a => a.PartnerId == partner && (state == null || a.State == state));

        // Ids are UUIDv7: by id descending is newest first, and a keyset that never skips or repeats a row.
        var rows = await assets.Where(a => after == null || a.Id.CompareTo(after.Value) < 0).OrderByDescending(a => a.Id).Take(page.First + 1)
            .ToListAsync(cancellationToken);
        return page.ToConnection(rows, a => Cursor.Create("assets", a.Id), async ct =>
        {
            await using var count = await contexts.CreateDbContextAsync(ct);
            return await count.Assets.CountAsync(a => a.PartnerId == partner && (state == null || a.State == state), ct);
        });
    }
}
