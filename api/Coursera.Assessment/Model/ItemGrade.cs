namespace Coursera.Assessment.Model;

/// <summary>A learner's grade on a graded item: the kept score of their graded attempts, by the policy's method.</summary>
public sealed class ItemGrade
{
    public required Guid LearnerId { get; init; }

    public required Guid ItemId { get; init; }

    public required Guid CourseId { get; init; }

    public double Score { get; set; }

    public bool Passed { get; set; }

    /// <summary>What late penalties took from <see cref="Score"/> (0 to 1): the course grade's breakdown shows it.</summary>
    public double LateLoss { get; set; }

    public DateTime GradedAt { get; set; }
}
