namespace Coursera.Gateway.Persisted;

/// <summary>The <c>Gateway:PersistedOperations</c> configuration section.</summary>
public sealed class PersistedOperationsOptions
{
    public PersistedOperationsMode Mode { get; set; } = PersistedOperationsMode.Automatic;

    /// <summary>
    /// Memory for automatically persisted documents (their text, two bytes a character, and a little per entry). When it
    /// is full the least recently used give way; a client whose hash is gone gets PERSISTED_QUERY_NOT_FOUND and sends
    /// the document again.
    /// </summary>
    public long CacheSizeBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How long a document stays in the Redis copy every gateway instance shares without being looked up there (an
    /// instance that has it in memory does not look). Used only when <c>ConnectionStrings:Redis</c> is set.
    /// </summary>
    public TimeSpan SharedExpiration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The allow-list as a JSON file (relative paths from the content root): an Apollo persisted-query manifest
    /// (<c>{"format":"apollo-persisted-query-manifest","operations":[{"id","body",…}]}</c>) or a plain map of sha256 to document.
    /// </summary>
    public string? File { get; set; }

    /// <summary>Allow-list entries in configuration, sha256 (hex) to document, e.g. <c>Gateway__PersistedOperations__Operations__{sha256}</c>.</summary>
    public Dictionary<string, string> Operations { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
