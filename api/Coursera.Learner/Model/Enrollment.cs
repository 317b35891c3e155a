namespace Coursera.Learner.Model;

/// <summary>A learner in a session of a course, on a track. At most one enrollment per learner and course is active.</summary>
public sealed class Enrollment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required Guid LearnerId { get; init; }

    /// <summary>The learner's display name when they enrolled: certificates are issued in it.</summary>
    public required string LearnerName { get; set; }

    public required Guid CourseId { get; init; }
    public required Guid PartnerId { get; init; }
    public required Guid SessionId { get; set; }
    /// <summary>PAID becomes AUDIT when its entitlement is revoked; AUDIT becomes PAID when one is bought for it.</summary>
    public required EnrollmentTrack Track { get; set; }

    /// <summary>The organization paying for an ENTERPRISE enrollment.</summary>
    public Guid? OrganizationId { get; init; }

    /// <summary>The catalog entitlement (Coursera Plus) that pays for this PAID enrollment: its end moves it back to AUDIT.</summary>
    public Guid? CatalogEntitlementId { get; set; }

    public EnrollmentState State { get; set; } = EnrollmentState.Active;
    public DateTime EnrolledAt { get; init; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }

    public bool IsCurrent => State is EnrollmentState.Active or EnrollmentState.Completed;
}
