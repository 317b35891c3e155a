namespace Coursera.Learner.Model;

/// <summary>
/// The right to take one course (or, with no course, every course: Coursera Plus) on the PAID track: granted by billing when a payment settles (or by a platform
/// administrator until billing exists), used by the enrollment it paid for.
/// </summary>
public sealed class Entitlement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required Guid LearnerId { get; init; }
    /// <summary>The course it is for; null for the whole catalog (Coursera Plus), which pays for any number of enrollments while it lasts.</summary>
    public required Guid? CourseId { get; init; }
    public required string GrantedBy { get; init; }

    /// <summary>The billing order that paid for it, for an entitlement billing granted.</summary>
    public Guid? OrderId { get; init; }
    public DateTime GrantedAt { get; init; }
    public Guid? EnrollmentId { get; set; }

    /// <summary>When billing took it back (a refund); a revoked entitlement pays for nothing.</summary>
    public DateTime? RevokedAt { get; set; }
}
