using Coursera.Events;
using Microsoft.Extensions.Options;

namespace Coursera.Assessment.Attempts;

/// <summary>
/// Grades attempts left open past their time limit (the learner closed the page): once the grace period after the
/// limit is over, the attempt is submitted with the answers saved in time, as the learner's own submit would.
/// </summary>
public sealed partial class OverdueAttempts(Proctor proctor, IOptions<AssessmentOptions> options, ILogger<OverdueAttempts> logger) : BackgroundService
{
    // Attempts whose grading failed in this process: logged and set aside, so that one cannot hold up the others.
    private readonly HashSet<Guid> _failed = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(async ct =>
        {
            var graded = 0;
            while (graded < 100)
            {
                try
                {
                    if (!await proctor.SubmitOneOverdueAsync(options.Value.OverdueGrace, _failed, ct))
                    {
                        break;
                    }
                }
                catch (OverdueAttemptFailedException e)
                {
                    _failed.Add(e.AttemptId);
                    LogFailed(logger, e);
                    continue;
                }

                graded++;
            }

            if (graded > 0)
            {
                LogGraded(logger, graded);
            }

            return graded == 100; // a full round: look again at once
        }, options.Value.OverdueSweep, e => LogFailed(logger, e), stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graded {Count} attempts left open past their time limit")]
    private static partial void LogGraded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grading overdue attempts failed; they are tried again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
