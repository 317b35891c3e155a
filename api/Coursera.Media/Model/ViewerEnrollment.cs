namespace Coursera.Media.Model;

/// <summary>
/// A learner's enrollment in a course, from the learner service's events: an active or completed one (any track)
/// lets them watch the course's lectures.
/// </summary>
public sealed class ViewerEnrollment
{
    public Guid Id { get; set; }

    public Guid LearnerId { get; set; }

    public Guid CourseId { get; set; }

    /// <summary>The event's state: <c>ACTIVE</c>, <c>COMPLETED</c>, <c>WITHDRAWN</c>, <c>EXPIRED</c>.</summary>
    public string State { get; set; } = "";

    public DateTime Version { get; set; }
}
