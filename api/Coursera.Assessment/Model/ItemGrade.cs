namespace Coursera.Assessment.Model;

/// <summary>A learner's grade on a graded item: the kept score of their graded attempts, by the policy's method.</summary>
public sealed class ItemGrade
{
    public required Guid LearnerId { get; init; }

    public required Guid ItemId { get; init; }

    public required Guid CourseId { get; init; }

    public double Score { get; set; }

    public bool Passed { get; set; }

    public DateTime GradedAt { get; set; }
}
