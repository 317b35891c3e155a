namespace Coursera.Assessment.Model;

/// <summary>A learner's enrollment as the learner service's events describe it: who may make attempts in a course.</summary>
public sealed class LearnerEnrollment
{
    public required Guid Id { get; init; }

    public required Guid LearnerId { get; init; }

    public required Guid CourseId { get; init; }

    public required Guid PartnerId { get; init; }

    public Guid? OrganizationId { get; init; }

    /// <summary><c>ACTIVE</c>, <c>COMPLETED</c> or <c>WITHDRAWN</c>, as the learner service spells it.</summary>
    public required string State { get; set; }

    public DateTime Version { get; set; }

    /// <summary>When the learner enrolled (the <c>enrollment.created</c> event's time).</summary>
    public DateTime EnrolledAt { get; set; }

    /// <summary>Where the learner's personal schedule starts: their enrollment, moved forward by each reset.</summary>
    public DateTime ScheduleStartsAt { get; set; }

    /// <summary>How often the learner reset their schedule, and when last.</summary>
    public int ScheduleResets { get; set; }

    public DateTime? ScheduleResetAt { get; set; }

    /// <summary>Attempts may be made in an active enrollment, and in a completed one (to improve a grade).</summary>
    public bool AllowsAttempts => State is "ACTIVE" or "COMPLETED";
}
