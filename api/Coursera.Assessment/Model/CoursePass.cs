namespace Coursera.Assessment.Model;

/// <summary>That a learner passed a course's graded items, once: <c>course_grade.passed</c> is sent when this is written.</summary>
public sealed class CoursePass
{
    public required Guid LearnerId { get; init; }

    public required Guid CourseId { get; init; }

    /// <summary>The course grade when it passed.</summary>
    public double Score { get; init; }

    public DateTime PassedAt { get; init; }
}
