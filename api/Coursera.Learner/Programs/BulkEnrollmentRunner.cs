using Coursera.Events;

namespace Coursera.Learner.Programs;

/// <summary>Runs queued bulk enrollment jobs, one after another, in every instance of the service.</summary>
public sealed partial class BulkEnrollmentRunner(BulkEnrollment jobs, ILogger<BulkEnrollmentRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(jobs.RunNextAsync, TimeSpan.FromMilliseconds(200), e => LogFailed(logger, e), stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A bulk enrollment job failed; it stays queued and is retried")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
