namespace Coursera.Learner.Model;

/// <summary>
/// The right to take one course on the PAID track: granted by billing when a payment settles (or by a platform
/// administrator until billing exists), used by the enrollment it paid for.
/// </summary>
public sealed class Entitlement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required Guid LearnerId { get; init; }
    public required Guid CourseId { get; init; }
    public required string GrantedBy { get; init; }
    public DateTime GrantedAt { get; init; }
    public Guid? EnrollmentId { get; set; }
}
