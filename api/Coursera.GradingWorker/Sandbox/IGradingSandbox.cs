namespace Coursera.GradingWorker.Sandbox;

/// <summary>Runs a grader over a submission where neither can harm the worker or reach anything else.</summary>
public interface IGradingSandbox
{
    /// <summary>
    /// Grades the files. Whatever the submission or the grader does (wrong output, a crash, no end) is an outcome,
    /// with score 0 and feedback saying what happened.
    /// </summary>
    /// <exception cref="SandboxUnavailableException">The grader could not be run here at all.</exception>
    Task<GradingOutcome> GradeAsync(Grader grader, IReadOnlyList<SubmissionFile> files, CancellationToken cancellationToken);
}
