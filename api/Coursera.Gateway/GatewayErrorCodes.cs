namespace Coursera.Gateway;

/// <summary>
/// The <c>extensions.code</c> values of requests the gateway refuses before the engine runs them, in addition to
/// <see cref="Coursera.Federation.Limits.OperationLimitCodes"/>. The persisted-query codes are Apollo's, which APQ
/// clients act on (retry with the document on NOT_FOUND, stop hashing on NOT_SUPPORTED).
/// </summary>
public static class GatewayErrorCodes
{
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";
    public const string PersistedQueryNotSupported = "PERSISTED_QUERY_NOT_SUPPORTED";
    public const string PersistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";
    public const string PersistedQueryNotAllowed = "PERSISTED_QUERY_NOT_ALLOWED";
    public const string BatchLimitExceeded = "BATCH_LIMIT_EXCEEDED";

    /// <summary>The operation costs more than is left of the caller's budget (<see cref="QueryCostBudget"/>); <c>retryAfter</c> says when it will fit.</summary>
    public const string QueryCostBudgetExceeded = "QUERY_COST_BUDGET_EXCEEDED";

    /// <summary>
    /// No supergraph to run the request on: the subgraphs have not composed yet (or do not compose). Sent with HTTP 503 and
    /// <c>Retry-After</c>; the gateway's health check (<c>supergraph</c>) has the errors.
    /// </summary>
    public const string SupergraphUnavailable = "SUPERGRAPH_UNAVAILABLE";
}
