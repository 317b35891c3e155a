using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Coursera.Gateway.Persisted;

/// <summary>
/// Automatically persisted documents by hash: in this process's memory, bounded by
/// <see cref="PersistedOperationsOptions.CacheSizeBytes"/>, and, when Redis is configured, in the distributed cache that
/// every gateway instance shares, so a client registers a document once however its requests are balanced. Losing an
/// entry costs a client one round trip (it sends the document again), so Redis being unreachable only loses sharing:
/// a lookup or a registration never fails a request.
/// </summary>
internal sealed partial class PersistedQueryCache(long sizeLimitBytes, IDistributedCache? shared, TimeSpan sharedExpiration, ILogger logger)
    : IDisposable
{
    /// <summary>The hash's own text and the entry's bookkeeping, roughly, so that tiny documents are not free.</summary>
    private const int EntryOverheadBytes = 256;

    private const string SharedKeyPrefix = "apq:";

    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = sizeLimitBytes });

    /// <summary>Whether this instance holds the document already (then nothing needs registering).</summary>
    public bool Contains(string sha256Hash) => _documents.TryGetValue(sha256Hash, out _);

    public async ValueTask<string?> FindAsync(string sha256Hash, CancellationToken cancellationToken)
    {
        if (_documents.TryGetValue(sha256Hash, out string? document))
        {
            return document;
        }

        if (shared is null)
        {
            return null;
        }

        try
        {
            document = await shared.GetStringAsync(SharedKeyPrefix + sha256Hash, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogSharedUnavailable(logger, e.Message);
            return null;
        }

        // Whoever can write to Redis must not be able to make a hash run another document.
        if (document is null || PersistedQuery.Hash(document) != sha256Hash)
        {
            return null;
        }

        AddLocally(sha256Hash, document);
        return document;
    }

    /// <summary>
    /// Stores a document whose hash was checked. When the memory is full, MemoryCache refuses the entry and compacts in
    /// the background (least recently used first), so a later registration finds room; the shared copy expires after
    /// <see cref="PersistedOperationsOptions.SharedExpiration"/> without use.
    /// </summary>
    public async ValueTask AddAsync(string sha256Hash, string document, CancellationToken cancellationToken)
    {
        AddLocally(sha256Hash, document);
        if (shared is null)
        {
            return;
        }

        try
        {
            await shared.SetStringAsync(SharedKeyPrefix + sha256Hash, document,
                new DistributedCacheEntryOptions { SlidingExpiration = sharedExpiration }, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogSharedUnavailable(logger, e.Message);
        }
    }

    public void Dispose() => _documents.Dispose();

    private void AddLocally(string sha256Hash, string document) =>
        _documents.Set(sha256Hash, document, new MemoryCacheEntryOptions { Size = (document.Length * sizeof(char)) + EntryOverheadBytes });

    // Debug: while Redis is down every lookup would say so, and its health check already does.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Persisted queries are not shared with the other gateway instances while Redis is unreachable: {Reason}")]
    private static partial void LogSharedUnavailable(ILogger logger, string reason);
}
