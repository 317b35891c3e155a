namespace Coursera.Assessment.Model;

/// <summary>
/// A review of one peer-graded submission: handed to a learner (or written by the course's staff), then completed
/// with a level per rubric criterion. Neither side learns the other's name.
/// </summary>
public sealed class PeerReview
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid AssessmentId { get; init; }

    /// <summary>The submission reviewed (an attempt).</summary>
    public required Guid AttemptId { get; init; }

    /// <summary>The learner reviewing; null for the course's staff.</summary>
    public Guid? ReviewerId { get; init; }

    /// <summary>Who of the staff reviewed (for the audit), when <see cref="ReviewerId"/> is null.</summary>
    public string? StaffReviewer { get; init; }

    public PeerReviewState State { get; set; }

    public DateTime AssignedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>Points per rubric criterion id.</summary>
    public Dictionary<string, double> Scores { get; set; } = [];

    public string? Comment { get; set; }

    public bool ByStaff => ReviewerId is null;
}

public enum PeerReviewState
{
    Assigned,
    Completed,
}
