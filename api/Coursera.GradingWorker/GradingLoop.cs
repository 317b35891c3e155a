using Microsoft.Extensions.Options;

namespace Coursera.GradingWorker;

/// <summary>
/// Keeps the worker grading: at once while there are jobs, every <see cref="GradingWorkerOptions.PollInterval"/>
/// while the queue is empty. A job that fails is logged and the loop goes on, the job being the platform's to retry.
/// </summary>
internal sealed partial class GradingLoop(JobGrader worker, IOptions<GradingWorkerOptions> options, ILogger<GradingLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool graded;
            try
            {
                graded = await worker.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker outlives a failed job (or an unreachable platform) and asks again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e);
                graded = false;
            }

            if (!graded)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A grading round failed; the worker goes on")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
