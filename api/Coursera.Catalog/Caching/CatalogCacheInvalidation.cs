using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.ServiceDefaults.Caching;
using Npgsql;

namespace Coursera.Catalog.Caching;

/// <summary>
/// Drops cached reads when the catalog's own events come back from the stream, on every instance. The writer already
/// invalidated after its commit; this repeats it from the durable event, for a writer that stopped between its commit
/// and its invalidation, and for a read that began before the commit and cached the row as it was.
/// </summary>
public sealed class CatalogCacheInvalidation(PublicCache cache) : IEventHandler
{
    public bool Handles(string type) => CatalogCacheTags.ChangedBy(type).Count > 0;

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        await cache.InvalidateAsync(CatalogCacheTags.ChangedBy(envelope.Type), cancellationToken).ConfigureAwait(false);
    }
}
