namespace Coursera.Assessment.Model;

/// <summary>
/// A programming submission in the grading queue. A worker leases it for a while; a lease that runs out (a worker
/// lost) lets another take it, and after <c>GradingTries</c> leases the submission is set aside as GradingFailed.
/// </summary>
public sealed class GradingJob
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid AttemptId { get; init; }

    public required Guid AssessmentId { get; init; }

    /// <summary>A partner's own grading clients see only its jobs.</summary>
    public required Guid PartnerId { get; init; }

    public GradingJobState State { get; set; }

    /// <summary>Leases handed out so far.</summary>
    public int Tries { get; set; }

    /// <summary>Not leased before then (a retry after a worker's failure waits a little).</summary>
    public DateTime AvailableAt { get; set; }

    /// <summary>The secret the worker holding the lease answers with; a worker whose lease was taken over cannot.</summary>
    public string? LeaseToken { get; set; }

    public string? LeasedBy { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? CompletedAt { get; set; }
}

public enum GradingJobState
{
    Queued,
    Leased,
    Done,
    Failed,
}
