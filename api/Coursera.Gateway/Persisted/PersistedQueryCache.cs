using Microsoft.Extensions.Caching.Memory;

namespace Coursera.Gateway.Persisted;

/// <summary>
/// Automatically persisted documents by hash, in this process's memory and bounded by
/// <see cref="PersistedOperationsOptions.CacheSizeBytes"/>. Losing an entry costs a client one round trip (it sends the
/// document again), so a cache is enough; a distributed one (HybridCache over Redis) only saves that round trip when
/// requests of one client land on different gateway instances.
/// </summary>
internal sealed class PersistedQueryCache(long sizeLimitBytes) : IDisposable
{
    /// <summary>The hash's own text and the entry's bookkeeping, roughly, so that tiny documents are not free.</summary>
    private const int EntryOverheadBytes = 256;

    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = sizeLimitBytes });

    public bool TryGet(string sha256Hash, out string? document) => _documents.TryGetValue(sha256Hash, out document);

    /// <summary>
    /// Stores a document whose hash was checked. When the cache is full, MemoryCache refuses the entry and compacts in the
    /// background (least recently used first), so a later registration finds room.
    /// </summary>
    public void Add(string sha256Hash, string document) =>
        _documents.Set(sha256Hash, document, new MemoryCacheEntryOptions { Size = (document.Length * sizeof(char)) + EntryOverheadBytes });

    public void Dispose() => _documents.Dispose();
}
