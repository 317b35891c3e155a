namespace Coursera.Gateway.Persisted;

public enum PersistedOperationsMode
{
    /// <summary>
    /// Automatic persisted queries (Apollo's APQ): a client sends a document's sha256 alone and, when the gateway does
    /// not know it yet, the document with its hash once, which registers it. Any document may still be sent in full.
    /// </summary>
    Automatic,

    /// <summary>
    /// Only the operations listed in configuration run, by hash or in full; registration is off. For first-party clients
    /// whose operations are known at build time: nothing else can reach the subgraphs.
    /// </summary>
    AllowList,

    /// <summary>Every request carries its document; a persisted-query hash is refused (PERSISTED_QUERY_NOT_SUPPORTED).</summary>
    Disabled,
}
