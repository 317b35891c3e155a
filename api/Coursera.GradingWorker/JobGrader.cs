using Coursera.GradingWorker.Api;
using Coursera.GradingWorker.Sandbox;

namespace Coursera.GradingWorker;

/// <summary>
/// Grades one programming-assignment submission at a time: leases it from the platform's grading queue, runs the
/// assignment's grader over it in the sandbox, and posts the score and feedback back. A job the worker cannot run
/// is handed back (<c>failGradingJob</c>) to be graded again, never scored.
/// </summary>
public sealed partial class JobGrader
{
    private readonly GradingApi _api;
    private readonly IGradingSandbox _sandbox;
    private readonly ILogger _logger;

    /// <summary>A worker that grades in a <see cref="BubblewrapSandbox"/> under the options' work folder.</summary>
    public JobGrader(GradingWorkerOptions options, HttpClient http, ILogger logger)
        : this(options, http, logger, new BubblewrapSandbox((options ?? throw new ArgumentNullException(nameof(options))).WorkFolder))
    {
    }

    public JobGrader(GradingWorkerOptions options, HttpClient http, ILogger logger, IGradingSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(sandbox);
        if (options.Endpoint is not { IsAbsoluteUri: true } || options.Authority is not { IsAbsoluteUri: true })
        {
            throw new ArgumentException("The grading worker needs the absolute URLs of the endpoint and the authority.", nameof(options));
        }

        _api = new GradingApi(options, http, new ClientCredentials(options, http, TimeProvider.System));
        _sandbox = sandbox;
        _logger = logger;
    }

    /// <summary>Leases one job and grades it; false when the queue was empty.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var job = await _api.LeaseAsync(cancellationToken);
        if (job is null)
        {
            return false;
        }

        LogLeased(_logger, job.Id, job.Grader.Language, job.Files.Count);
        GradingOutcome outcome;
        try
        {
            outcome = await _sandbox.GradeAsync(job.Grader, job.Files, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await HandBackOnStopAsync(job);
            throw;
        }
#pragma warning disable CA1031 // Whatever kept the worker from grading is the worker's fault, not the submission's.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogNotGraded(_logger, job.Id, e);
            await HandBackAsync(job, e.Message, cancellationToken);
            return true;
        }

        if (await _api.CompleteAsync(job, outcome, cancellationToken))
        {
            LogGraded(_logger, job.Id, outcome.FractionalScore);
        }
        else
        {
            LogLeaseLost(_logger, job.Id);
        }

        return true;
    }

    /// <summary>
    /// The worker is stopping: the job is handed back now rather than left to wait out its lease, if the platform
    /// answers within the little time a stopping host gives.
    /// </summary>
    private async Task HandBackOnStopAsync(GradingJob job)
    {
        try
        {
            using var shortly = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await HandBackAsync(job, "The grading worker stopped before the grader finished.", shortly.Token);
        }
#pragma warning disable CA1031 // The lease runs out on its own; the stop goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogNotHandedBack(_logger, job.Id, e);
        }
    }

    private async Task HandBackAsync(GradingJob job, string error, CancellationToken cancellationToken)
    {
        if (!await _api.FailAsync(job, error, cancellationToken))
        {
            LogLeaseLost(_logger, job.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leased grading job {JobId}: a {Language} grader over {Files} files")]
    private static partial void LogLeased(ILogger logger, string jobId, string language, int files);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graded job {JobId}: score {Score}")]
    private static partial void LogGraded(ILogger logger, string jobId, double score);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not grade job {JobId}; it is handed back to be graded again")]
    private static partial void LogNotGraded(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand grading job {JobId} back on stopping; it is leased again once its lease expires")]
    private static partial void LogNotHandedBack(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of grading job {JobId} to another worker; its result is dropped")]
    private static partial void LogLeaseLost(ILogger logger, string jobId);
}
