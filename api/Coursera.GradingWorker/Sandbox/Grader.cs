namespace Coursera.GradingWorker.Sandbox;

/// <summary>
/// An assignment's grader: a script run over the learner's files that prints the result. <see cref="Language"/> is
/// the API's enum value (<see cref="Python"/> or <see cref="Shell"/>), kept as text so that a job in a language this
/// worker does not know can still be handed back instead of being lost to a parse error.
/// </summary>
public sealed record Grader(string Language, string Script, int TimeLimitSeconds, int MemoryMegabytes)
{
    public const string Python = "PYTHON";
    public const string Shell = "SHELL";
}

/// <summary>One of the learner's files: a relative name such as <c>src/a.py</c> and its UTF-8 text.</summary>
public sealed record SubmissionFile(string Name, string Content);

/// <summary>What is posted back for a graded submission.</summary>
public sealed record GradingOutcome(double FractionalScore, string Feedback)
{
    /// <summary>The most feedback the API takes.</summary>
    public const int MaxFeedbackLength = 10_000;
}
