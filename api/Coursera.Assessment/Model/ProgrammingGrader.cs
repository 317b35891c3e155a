namespace Coursera.Assessment.Model;

/// <summary>
/// How a programming assignment is graded: a grader program (Python or shell) that grading workers run over the
/// learner's files in a sandbox with these limits, and which prints <c>{"fractionalScore": 0..1, "feedback": "…"}</c>.
/// Part of the version, so a published grader never changes under the submissions graded with it.
/// </summary>
public sealed record ProgrammingGrader
{
    public GraderLanguage Language { get; init; } = GraderLanguage.Python;

    public required string Script { get; init; }

    public int TimeLimitSeconds { get; init; } = 60;

    public int MemoryMegabytes { get; init; } = 256;

    /// <summary>How many files a submission may have.</summary>
    public int MaxFiles { get; init; } = 10;

    /// <summary>The largest file of a submission, in KiB.</summary>
    public int MaxFileKilobytes { get; init; } = 256;
}

public enum GraderLanguage
{
    Python,
    Shell,
}
