using Coursera.Subgraphs;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace Coursera.Gateway.Persisted;

/// <summary>
/// Decides, by <see cref="PersistedOperationsOptions.Mode"/>, which document a request runs and whether it may:
/// automatic persisted queries (a hash alone runs a document registered earlier by hash and document together), an
/// allow-list (only listed documents run), or neither.
/// </summary>
public sealed class PersistedOperations : IDisposable
{
    private readonly PersistedOperationsMode _mode;
    private readonly PersistedQueryCache? _cache;
    private readonly OperationAllowList? _allowList;

    /// <param name="shared">The distributed cache (Redis) that every gateway instance shares; none without Redis.</param>
    public PersistedOperations(IOptions<GatewayOptions> options, IHostEnvironment environment, ILogger<PersistedOperations> logger,
        IDistributedCache? shared = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = options.Value.PersistedOperations;
        _mode = settings.Mode;
        if (_mode == PersistedOperationsMode.Automatic)
        {
            if (settings.SharedExpiration <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"{GatewayOptions.Section}:PersistedOperations:SharedExpiration must be positive.");
            }

            _cache = new PersistedQueryCache(settings.CacheSizeBytes, shared, settings.SharedExpiration, logger);
        }
        else if (_mode == PersistedOperationsMode.AllowList)
        {
            _allowList = new OperationAllowList(settings, environment.ContentRootPath);
        }
    }

    public PersistedOperationsMode Mode => _mode;

    public void Dispose() => _cache?.Dispose();

    /// <summary>The document of a request that sends a persisted-query hash without its document, or why it has none.</summary>
    internal async ValueTask<(string? Document, GatewayError? Error)> FindAsync(PersistedQuery persisted, CancellationToken cancellationToken)
    {
        switch (_mode)
        {
            case PersistedOperationsMode.AllowList:
                return _allowList!.TryGet(persisted.Sha256Hash, out var listed) ? (listed, null) : (null, NotAllowed());
            case PersistedOperationsMode.Automatic:
                return await _cache!.FindAsync(persisted.Sha256Hash, cancellationToken) is { } stored
                    ? (stored, null)
                    : (null, new GatewayError(GatewayErrorCodes.PersistedQueryNotFound,
                        "No document is stored under this sha256Hash; send it again with the query to register it."));
            default:
                return (null, NotSupported());
        }
    }

    /// <summary>
    /// Whether a request carrying its document may run; for an automatic registration, the hash to store the document
    /// under once it ran (a document that fails to parse, validate or pass the limits is never stored).
    /// </summary>
    internal (GatewayError? Error, string? RegisterAs) Admit(GraphQLRequest request)
    {
        var (persisted, malformed) = PersistedQuery.Read(request.Extensions);
        if (malformed is not null)
        {
            return (malformed, null);
        }

        if (persisted is null)
        {
            return _mode == PersistedOperationsMode.AllowList && !_allowList!.Contains(PersistedQuery.Hash(request.Query))
                ? (NotAllowed(), null)
                : (null, null);
        }

        if (_mode == PersistedOperationsMode.Disabled)
        {
            return (NotSupported(), null);
        }

        if (!persisted.Matches(request.Query))
        {
            return (new GatewayError(GatewayErrorCodes.PersistedQueryHashMismatch,
                "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it."), null);
        }

        if (_mode == PersistedOperationsMode.AllowList)
        {
            return _allowList!.Contains(persisted.Sha256Hash) ? (null, null) : (NotAllowed(), null);
        }

        return (null, _cache!.Contains(persisted.Sha256Hash) ? null : persisted.Sha256Hash);
    }

    internal ValueTask RegisterAsync(string sha256Hash, string document, CancellationToken cancellationToken) =>
        _cache?.AddAsync(sha256Hash, document, cancellationToken) ?? ValueTask.CompletedTask;

    private static GatewayError NotAllowed() => new(GatewayErrorCodes.PersistedQueryNotAllowed,
        "This endpoint only runs registered operations, and this one is not registered.");

    private static GatewayError NotSupported() => new(GatewayErrorCodes.PersistedQueryNotSupported,
        "This endpoint does not accept persisted-query hashes; send the query itself.");
}
