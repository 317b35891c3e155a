namespace Coursera.Learner.Model;

/// <summary>
/// An organization's request to enroll many learners at once, run in the background; its
/// <see cref="IdempotencyKey"/> makes a repeated request return the same job instead of enrolling twice.
/// </summary>
public sealed class BulkEnrollmentJob
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required Guid OrganizationId { get; init; }
    public required Guid ProgramId { get; init; }
    public required string IdempotencyKey { get; init; }
    public string State { get; set; } = Queued;
    public int Total { get; init; }
    public int Succeeded { get; set; }
    public int Failed { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? FinishedAt { get; set; }

    public const string Queued = "QUEUED";
    public const string Done = "DONE";
}

/// <summary>One row of a bulk job: what was asked, and what came of it (ENROLLED, ALREADY_ENROLLED or FAILED with a code).</summary>
public sealed class BulkEnrollmentRow
{
    public required Guid JobId { get; init; }
    public required int RowNumber { get; init; }
    public string? LearnerId { get; init; }
    public string? ExternalId { get; init; }
    public string? CourseId { get; init; }
    public string Status { get; set; } = "PENDING";
    public string? ErrorCode { get; set; }
    public string? Message { get; set; }
    public Guid? EnrollmentId { get; set; }
}
