namespace Coursera.ServiceDefaults.Caching;

/// <summary>
/// The shared cache of public reads, bound from the <c>Caching</c> section (e.g. <c>Caching__Enabled=false</c>). Entries
/// live in this process (L1) and in Redis (L2) when <c>ConnectionStrings:Redis</c> is set, in this process only otherwise.
/// </summary>
public sealed class CachingOptions
{
    public const string Section = "Caching";

    /// <summary>Off sends every read to its store, as if nothing were cached (benchmarks measure both).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Start of every Redis key and of the invalidation channel: instances that share it share entries. Empty means
    /// <c>coursera:cache:{database}:</c>, the PostgreSQL database the entries were read from, so that two deployments
    /// (or two test fixtures) on one Redis never serve each other's rows.
    /// </summary>
    public string KeyPrefix { get; set; } = string.Empty;

    /// <summary>
    /// The longest an entry lives anywhere. Invalidation normally drops an entry everywhere within milliseconds; this is
    /// the bound when every invalidation of a change was lost (Redis unreachable for the writer and the event consumer).
    /// </summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest an entry lives in one process's memory, and so the staleness while that process cannot reach Redis.</summary>
    public TimeSpan LocalExpiration { get; set; } = TimeSpan.FromSeconds(10);
}
