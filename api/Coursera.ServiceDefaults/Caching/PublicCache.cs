using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coursera.ServiceDefaults.Caching;

/// <summary>
/// What services cache their public reads in: only data any anonymous caller may see, since every caller of every
/// instance is served the same entry. A change is invalidated by tag on every instance (<see cref="InvalidateAsync"/>).
/// </summary>
public sealed partial class PublicCache(HybridCache cache, CacheInvalidationChannel channel, IOptions<CachingOptions> options,
    ILogger<PublicCache> logger)
{
    private readonly HybridCacheEntryOptions _entry = new()
    {
        Expiration = options.Value.Expiration,
        LocalCacheExpiration = options.Value.LocalExpiration,
    };

    public bool Enabled => options.Value.Enabled;

    /// <param name="key">Unique within the service; start it with the service's name (<c>catalog:course:slug:…</c>).</param>
    /// <param name="tags">What the entry depends on: invalidating any of them drops it.</param>
    public async ValueTask<T> GetOrCreateAsync<T>(string key, Func<CancellationToken, ValueTask<T>> read, IReadOnlyCollection<string> tags,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!Enabled)
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }

        return await cache.GetOrCreateAsync(key, read, _entry, tags, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops every entry carrying one of <paramref name="tags"/> here at once, and on every other instance as the
    /// invalidation reaches it over Redis. HybridCache alone would not do that: it records a tag's invalidation in Redis
    /// but each instance reads that record once and keeps it, so other instances would go on serving their memory and
    /// even accept the stale Redis entry until it expired.
    /// </summary>
    public async Task InvalidateAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count == 0)
        {
            return;
        }

        try
        {
            await cache.RemoveByTagAsync(tags, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            // Called after the change committed: the caller must not be told it failed. This instance's memory is
            // dropped before Redis is written; the others hear it on the channel or from the change's event.
            LogInvalidationNotRecorded(logger, e);
        }

        await channel.PublishAsync(tags).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a cache invalidation in Redis; entries there expire on their own.")]
    private static partial void LogInvalidationNotRecorded(ILogger logger, Exception exception);
}
