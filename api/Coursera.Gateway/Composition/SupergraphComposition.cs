using Microsoft.Extensions.Options;

namespace Coursera.Gateway.Composition;

/// <summary>
/// Composes the supergraph when the host starts, and then, every <see cref="GatewayOptions.SupergraphPollInterval"/>,
/// checks whether a subgraph's schema changed (a reload without restart). At start it retries subgraphs that do not answer
/// yet (a distributed gateway may start before them) for <see cref="GatewayOptions.SupergraphStartupTimeout"/>; subgraphs
/// that answer but do not compose, or that are still unreachable then, stop the process with every error: a gateway that
/// cannot serve should not run, report healthy and answer each request with an error.
/// </summary>
internal sealed partial class SupergraphComposition(
    SupergraphProvider supergraph,
    IOptions<GatewayOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SupergraphComposition> logger,
    TimeProvider? time = null) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private SupergraphUnavailableException? _startFailure;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (supergraph.SubgraphNames.Count == 0)
        {
            // Nothing to compose: a tool started the gateway (the build's OpenAPI generation does), or it is misconfigured,
            // which the health check reports. Either way there is no error to stop for.
            LogNoSubgraphs(logger);
            return;
        }

        try
        {
            await ComposeAtStartAsync(stoppingToken);
        }
        catch (SupergraphUnavailableException e)
        {
            _startFailure = e;
            LogStartFailed(logger, e.Failure);

            // Stopping while the host is still starting would cancel the server's start, and the process would end with
            // that cancellation instead of these errors (StopAsync below rethrows them once the host stops).
            await WhenStartedAsync(stoppingToken);
            lifetime.StopApplication();
            return;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        if (options.Value.SupergraphPollInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SupergraphPollInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await supergraph.RefreshAsync(stoppingToken); // a failure is recorded and logged by the provider; serving goes on
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// The host (until .NET 11) completes <c>RunAsync</c> normally when a service stops it, so the process would exit 0; a
    /// failed start is rethrown here, where the host passes it on, and the process ends with the errors and a failure code.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_startFailure is { } failure)
        {
            throw failure;
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetResult());
        await started.Task;
    }

    private async Task ComposeAtStartAsync(CancellationToken stoppingToken)
    {
        var giveUpAt = _time.GetUtcNow() + options.Value.SupergraphStartupTimeout;
        var retry = FirstRetry;
        while (true)
        {
            var state = await supergraph.RefreshAsync(stoppingToken);
            if (state.Gateway is not null)
            {
                return;
            }

            var failure = state.Failure!;
            if (failure.Kind == SupergraphFailureKind.CompositionFailed || _time.GetUtcNow() + retry > giveUpAt)
            {
                throw new SupergraphUnavailableException(failure);
            }

            await Task.Delay(retry, _time, stoppingToken);
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No subgraph is configured (Subgraphs__{{name}}=URL): the gateway has nothing to serve")]
    private static partial void LogNoSubgraphs(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The gateway cannot start: {Failure}")]
    private static partial void LogStartFailed(ILogger logger, SupergraphFailure failure);
}
