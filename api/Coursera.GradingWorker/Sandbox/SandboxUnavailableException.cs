namespace Coursera.GradingWorker.Sandbox;

/// <summary>
/// The worker could not run the grader (no bubblewrap, no interpreter, a sandbox that would not start): not the
/// submission's fault, so the job is handed back to be graded again rather than given a score.
/// </summary>
public sealed class SandboxUnavailableException : Exception
{
    public SandboxUnavailableException()
    {
    }

    public SandboxUnavailableException(string message) : base(message)
    {
    }

    public SandboxUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
