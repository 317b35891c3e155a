namespace Coursera.Assessment.Model;

/// <summary>
/// Extra attempts, an extension of the deadline or extra time an author gave one learner at one assessment: who, when and why, kept as a record (the audit trail
/// of overrides); a learner's extra attempts and extra minutes are the sums of their grants.
/// </summary>
public sealed class AttemptGrant
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid AssessmentId { get; init; }

    public required Guid LearnerId { get; init; }

    public required int ExtraAttempts { get; init; }

    /// <summary>A deadline of the learner's own (an extension), replacing the policy's; the newest grant that sets one wins.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Minutes added to the learner's time limit on each attempt (the grants add up).</summary>
    public int ExtraMinutes { get; init; }

    /// <summary>The token subject of the author (a user id, or an API client's id).</summary>
    public required string GrantedBy { get; init; }

    public required string Reason { get; init; }

    public DateTime GrantedAt { get; init; }
}
