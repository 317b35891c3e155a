namespace Coursera.Gateway.Http;

/// <summary>
/// Set on a request that named a persisted operation by hash alone that cannot run (unknown, not allowed, malformed).
/// The shared endpoint requires a document, so <see cref="GatewayRequestMiddleware"/> gives it a placeholder and the
/// endpoint's HTTP rules (media types, status codes) still apply; <see cref="GatewayExecutor"/> answers with this error
/// instead of running anything.
/// </summary>
internal sealed record PersistedQueryRefusal(GatewayError Error);
