namespace Coursera.Assessment.Model;

/// <summary>
/// The rules of attempts at one assessment version; part of the version, so a published policy never changes under
/// the attempts made with it.
/// </summary>
public sealed record AttemptPolicy
{
    /// <summary>Attempts allowed in all; unlimited when null.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>With <see cref="WindowHours"/>: at most this many attempts started in any window (Coursera's "3 every 8 hours").</summary>
    public int? AttemptsPerWindow { get; init; }

    public double? WindowHours { get; init; }

    /// <summary>The wait after an attempt is submitted before the next may start.</summary>
    public int? CooldownMinutes { get; init; }

    /// <summary>How long an attempt is open; answers saved after it are refused and a submit grades what was saved.</summary>
    public int? TimeLimitMinutes { get; init; }

    /// <summary>The hard deadline: work submitted later loses <see cref="LatePenaltyPerDay"/> per day started, down to <see cref="LatePenaltyFloor"/>.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>
    /// A personal schedule instead of a hard deadline (Coursera's open courses): the learner's deadline is this many
    /// days after their schedule starts (their enrollment, or their last reset). It sets a pace and costs no points.
    /// </summary>
    public int? DueDaysAfterEnrollment { get; init; }

    /// <summary>The share of the score (0 to 1) a late submission loses for each day, or part of a day, past the deadline.</summary>
    public double LatePenaltyPerDay { get; init; }

    /// <summary>The lowest share of its score (0 to 1) late work keeps, however late.</summary>
    public double LatePenaltyFloor { get; init; }

    /// <summary>The share of the points (0 to 1) that passes.</summary>
    public double PassingScore { get; init; } = 0.8;

    /// <summary>Whether <paramref name="score"/> passes (a score computed as 0.7999999… for 0.8 does).</summary>
    public bool Passes(double score) => score >= PassingScore - 1e-9;

    public GradingMethod GradingMethod { get; init; } = GradingMethod.Highest;

    public AnswerDisclosure ShowAnswers { get; init; } = AnswerDisclosure.AfterPassing;

    /// <summary>How many questions each attempt draws from a pool; a pool not named here is drawn whole.</summary>
    public IReadOnlyList<PoolDraw> PoolDraws { get; init; } = [];
}

public sealed record PoolDraw(string Pool, int Count);

/// <summary>Which of a learner's graded attempts makes the item's grade.</summary>
public enum GradingMethod
{
    Highest,
    Latest,
    Average,
    First,
}

/// <summary>When a learner sees the correct answers and explanations of a submitted attempt.</summary>
public enum AnswerDisclosure
{
    Never,
    AfterSubmit,
    AfterPassing,

    /// <summary>Once the deadline has passed (the assessment's, not a learner's extension): nobody can share them in time.</summary>
    AfterDeadline,
}
