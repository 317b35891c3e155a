using System.Security.Cryptography;
using System.Text;
using Coursera.Federation;
using Coursera.Federation.Composition;
using Coursera.Federation.Execution;
using Coursera.Gateway.Composition;
using Coursera.Gateway.Transport;
using Coursera.Subgraphs;
using Microsoft.Extensions.Options;

namespace Coursera.Gateway;

/// <summary>
/// The supergraph the gateway serves, composed from the subgraphs' own SDL (<c>_service { sdl }</c>). An attempt
/// (<see cref="RefreshAsync"/>) asks every subgraph for its SDL, and composes only when that differs from what is served;
/// a good composition replaces the served engine in one write, a failed one leaves it serving and is recorded in
/// <see cref="State"/> and the metrics. <see cref="SupergraphComposition"/> makes the first attempt at start-up and
/// polls; until one succeeds, <see cref="GetAsync"/> joins an attempt, so a tool that never starts the host (the
/// schema commands) or a request racing the start still gets the supergraph.
/// </summary>
public sealed partial class SupergraphProvider(
    ISubgraphTransport transport,
    IEnumerable<InProcessSubgraph> local,
    IEnumerable<SubgraphEndpoint> remote,
    IOptions<GatewayOptions> gatewayOptions,
    IOptions<GraphQLEndpointOptions> endpointOptions,
    IHostEnvironment environment,
    SupergraphMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<SupergraphProvider> logger,
    TimeProvider? time = null)
{
    private readonly (string Name, string Url)[] _subgraphs =
        [.. local.Select(l => (l.Name, $"inprocess://{l.Name}")), .. remote.Select(r => (r.Name, r.Url.ToString()))];

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _attemptLock = new();
    private SupergraphState _state = SupergraphState.Initial;
    private Task<SupergraphState>? _attempt;

    /// <summary>What is served now and how the latest attempt went.</summary>
    public SupergraphState State => Volatile.Read(ref _state);

    public IReadOnlyList<string> SubgraphNames => [.. _subgraphs.Select(s => s.Name)];

    /// <summary>The engine over the served supergraph; before the first good composition, the outcome of an attempt.</summary>
    /// <exception cref="SupergraphUnavailableException">No composition has succeeded, with the latest attempt's errors.</exception>
    public async Task<FederationGateway> GetAsync(CancellationToken cancellationToken)
    {
        if (State.Gateway is { } serving)
        {
            return serving;
        }

        var state = await RefreshAsync(cancellationToken);
        return state.Gateway ?? throw new SupergraphUnavailableException(state.Failure!);
    }

    /// <summary>
    /// Reads every subgraph's SDL and recomposes when it changed. Callers share the attempt under way: it is not cancelled
    /// with one of them (the others still wait for it), only bounded by <see cref="GatewayOptions.SubgraphSdlTimeout"/>
    /// and the host stopping.
    /// </summary>
    public Task<SupergraphState> RefreshAsync(CancellationToken cancellationToken)
    {
        Task<SupergraphState> attempt;
        lock (_attemptLock)
        {
            if (_attempt is not { IsCompleted: false })
            {
                _attempt = Task.Run(AttemptAsync, CancellationToken.None);
            }

            attempt = _attempt;
        }

        return attempt.WaitAsync(cancellationToken);
    }

    private async Task<SupergraphState> AttemptAsync()
    {
        var previous = State;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        bounded.CancelAfter(gatewayOptions.Value.SubgraphSdlTimeout);
        var fetched = await Task.WhenAll(_subgraphs.Select(s => FetchAsync(s.Name, s.Url, bounded.Token)));
        lifetime.ApplicationStopping.ThrowIfCancellationRequested();

        var unreachable = fetched.Where(f => f.Error is not null).Select(f => f.Error!).ToList();
        if (unreachable.Count > 0)
        {
            return Fail(previous, new SupergraphFailure(SupergraphFailureKind.SubgraphUnreachable, unreachable, _time.GetUtcNow()));
        }

        var definitions = fetched.Select(f => f.Definition!).ToList();
        var fingerprint = Fingerprint(definitions);
        if (previous.Gateway is not null && fingerprint == previous.Fingerprint)
        {
            if (previous.Failure is not null)
            {
                LogRecovered(logger);
            }

            return Publish(previous with { Failure = null });
        }

        FederationGateway gateway;
        try
        {
            var composition = Composer.Compose(definitions);
            if (!composition.Succeeded)
            {
                return Fail(previous, new SupergraphFailure(SupergraphFailureKind.CompositionFailed,
                    [.. composition.Errors.Select(e => e.ToString())], _time.GetUtcNow()));
            }

            // The engine being replaced is not disposed: requests still running on it finish on it.
            gateway = new FederationGateway(composition.Supergraph!, transport, new FederationGatewayOptions
            {
                Limits = gatewayOptions.Value.ToLimits(),
                EnableIntrospection = endpointOptions.Value.EnableIntrospection ?? environment.IsDevelopment(),
            });
        }
#pragma warning disable CA1031 // A composer or engine fault on new SDL is a refused composition, never the end of the served one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Fail(previous, new SupergraphFailure(SupergraphFailureKind.CompositionFailed, [$"{e.GetType().Name}: {e.Message}"], _time.GetUtcNow()));
        }

        var now = _time.GetUtcNow();
        metrics.Composed(now);
        if (previous.Gateway is null)
        {
            LogComposed(logger, definitions.Count);
        }
        else
        {
            var changed = Changed(previous, definitions);
            LogRecomposed(logger, changed);
        }

        return Publish(new SupergraphState(gateway, fingerprint, now, null) { Sdls = SdlsByName(definitions) });
    }

    private SupergraphState Fail(SupergraphState previous, SupergraphFailure failure)
    {
        metrics.Failed(failure);

        // Logged when it changes, not on every poll of a failure that persists.
        if (previous.Failure is null || !previous.Failure.Errors.SequenceEqual(failure.Errors))
        {
            if (previous.Gateway is null)
            {
                LogNotComposed(logger, failure);
            }
            else
            {
                LogReloadRefused(logger, previous.ComposedAt!.Value, failure);
            }
        }

        return Publish(previous with { Failure = failure });
    }

    private SupergraphState Publish(SupergraphState state)
    {
        Volatile.Write(ref _state, state);
        return state;
    }

    private async Task<FetchedSdl> FetchAsync(string name, string url, CancellationToken cancellationToken)
    {
        try
        {
            var response = await transport.ExecuteAsync(name, new SubgraphRequest("{ _service { sdl } }", null, []), cancellationToken);
            return response["data"]?["_service"]?["sdl"]?.GetValue<string>() is { Length: > 0 } sdl
                ? new FetchedSdl(new SubgraphDefinition(name, sdl, url), null)
                : new FetchedSdl(null, $"{name} ({url}) answered without its SDL: {Shorten(response.ToJsonString())}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new FetchedSdl(null, $"{name} ({url}) did not answer within {gatewayOptions.Value.SubgraphSdlTimeout.TotalSeconds:0.#} s");
        }
#pragma warning disable CA1031 // Whatever one subgraph's transport throws is that subgraph's failure, reported beside the others'.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new FetchedSdl(null, $"{name} ({url}): {e.GetType().Name}: {e.Message}");
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static string Fingerprint(IEnumerable<SubgraphDefinition> definitions)
    {
        var text = new StringBuilder();
        foreach (var d in definitions)
        {
            text.Append(d.Name).Append('\n').Append(d.Url).Append('\n').Append(d.Sdl).Append('\0');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static Dictionary<string, string> SdlsByName(IEnumerable<SubgraphDefinition> definitions) =>
        definitions.ToDictionary(d => d.Name, d => d.Sdl, StringComparer.Ordinal);

    private static List<string> Changed(SupergraphState previous, IEnumerable<SubgraphDefinition> definitions) =>
        [.. definitions.Where(d => !previous.Sdls.TryGetValue(d.Name, out var sdl) || sdl != d.Sdl).Select(d => d.Name)];

    private sealed record FetchedSdl(SubgraphDefinition? Definition, string? Error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Composed the supergraph from {Count} subgraphs")]
    private static partial void LogComposed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recomposed the supergraph: the schema of {Subgraphs} changed; now serving it")]
    private static partial void LogRecomposed(ILogger logger, IReadOnlyList<string> subgraphs);

    [LoggerMessage(Level = LogLevel.Information, Message = "The subgraphs serve the supergraph's schemas again; the failed recomposition is cleared")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No supergraph yet. {Failure}")]
    private static partial void LogNotComposed(ILogger logger, SupergraphFailure failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recomposition refused; still serving the supergraph composed at {ComposedAt:O}. {Failure}")]
    private static partial void LogReloadRefused(ILogger logger, DateTimeOffset composedAt, SupergraphFailure failure);
}
