using System.Diagnostics.CodeAnalysis;

namespace Coursera.Assessment.Model;

/// <summary>
/// One attempt of a learner at an assessment, with the version it was made with. Its questions (as drawn and
/// shuffled for it) and answers are a document (<see cref="AttemptContent"/>); this row holds what is queried.
/// </summary>
public sealed class Attempt
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid AssessmentId { get; init; }

    public required Guid VersionId { get; init; }

    public required Guid LearnerId { get; init; }

    public required Guid CourseId { get; init; }

    public required Guid ItemId { get; init; }

    public required Guid PartnerId { get; init; }

    public Guid? OrganizationId { get; init; }

    /// <summary>1 for the learner's first attempt at the assessment.</summary>
    public required int Number { get; init; }

    public AttemptState State { get; set; }

    public DateTime StartedAt { get; init; }

    /// <summary>When the time limit runs out; answers saved later are refused.</summary>
    public DateTime? DueAt { get; init; }

    public DateTime? SubmittedAt { get; set; }

    /// <summary>Points earned over points possible, 0 to 1, once graded, less the late penalty.</summary>
    public double? Score { get; set; }

    /// <summary>The score before the late penalty: what the work earned.</summary>
    public double? RawScore { get; set; }

    public bool? Passed { get; set; }

    /// <summary>The share of the score removed for lateness (0 when on time); <see cref="Score"/> is after it.</summary>
    public double? LatePenalty { get; set; }

    /// <summary>What the grader program said of a programming submission.</summary>
    public string? Feedback { get; set; }

    /// <summary>Scores the attempt: what it earned, less <paramref name="latePenalty"/> (a share of it).</summary>
    [MemberNotNull(nameof(Score), nameof(RawScore), nameof(LatePenalty))]
    public void ScoreAs(double rawScore, double latePenalty)
    {
        RawScore = rawScore;
        LatePenalty = latePenalty;
        Score = Model.LatePenalty.Apply(rawScore, latePenalty);
    }

    /// <summary>The version whose answer keys graded it: its own, or the newer one a regrade used.</summary>
    public Guid? GradedWithVersionId { get; set; }
}
