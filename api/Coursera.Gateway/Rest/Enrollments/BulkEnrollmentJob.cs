using System.ComponentModel;

namespace Coursera.Gateway.Rest.Enrollments;

/// <summary>A bulk enrollment running in the background: poll it until <c>state</c> is DONE, then read its rows.</summary>
public sealed record BulkEnrollmentJob(
    Guid Id,
    [property: Description("QUEUED until it has run, then DONE.")] string State,
    [property: Description("The Idempotency-Key the job was created with: the same key returns the same job.")] string IdempotencyKey,
    int Total,
    [property: Description("Rows enrolled, or already enrolled.")] int Succeeded,
    int Failed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>One row of a bulk enrollment and what became of it.</summary>
public sealed record BulkEnrollmentRow(
    [property: Description("From 1, in the order sent.")] int RowNumber,
    string? LearnerId,
    string? ExternalId,
    string? CourseId,
    [property: Description("ENROLLED, ALREADY_ENROLLED, FAILED or PENDING.")] string Status,
    [property: Description("Why a FAILED row failed, e.g. NOT_A_MEMBER or NO_SEAT.")] string? ErrorCode,
    string? Message,
    Guid? EnrollmentId);

/// <summary>A single enrollment: its one-row job, and the row's outcome once the job is done.</summary>
public sealed record EnrollmentResult(
    BulkEnrollmentJob Job,
    [property: Description("The outcome (ENROLLED, ALREADY_ENROLLED or FAILED with its errorCode); null while the job is QUEUED.")] BulkEnrollmentRow? Row);
