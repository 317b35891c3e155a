namespace Coursera.Assessment.Model;

/// <summary>
/// A group of a course's graded items (Canvas's assignment groups): its lowest grades can be dropped, so one bad week
/// does not sink the course grade. Items join a group by their assessment's <see cref="ItemAssessment.Group"/>.
/// </summary>
public sealed class GradeGroup
{
    public required Guid CourseId { get; init; }

    public required string Name { get; init; }

    /// <summary>How many of the group's lowest grades the course grade leaves out (never all of them).</summary>
    public int DropLowest { get; set; }
}
