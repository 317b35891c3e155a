namespace Coursera.Assessment.Model;

/// <summary>
/// How peer-graded work is reviewed. Each learner reviews more submissions than each submission needs
/// (<see cref="ReviewsToGive"/> above <see cref="ReviewsRequired"/>), so reviews never run short while learners do
/// their part; after <see cref="RelaxAfterHours"/> a submission is graded with the reviews it has, and one with none
/// waits in the staff queue. Part of the version.
/// </summary>
public sealed record PeerReviewSetup
{
    public required string Instructions { get; init; }

    public required IReadOnlyList<RubricCriterion> Rubric { get; init; }

    /// <summary>Reviews that grade a submission (the median per criterion).</summary>
    public int ReviewsRequired { get; init; } = 3;

    /// <summary>Reviews each learner gives before seeing their own grade.</summary>
    public int ReviewsToGive { get; init; } = 5;

    public double RelaxAfterHours { get; init; } = 72;

    /// <summary>How long a learner has to finish a review handed to them before it goes to someone else.</summary>
    public double ReviewHours { get; init; } = 24;

    public double MaxPoints => Rubric.Sum(c => c.Levels.Max(l => l.Points));
}

/// <summary>One thing a review judges, with the levels a reviewer picks from.</summary>
public sealed record RubricCriterion(string Id, string Title, IReadOnlyList<RubricLevel> Levels);

public sealed record RubricLevel(double Points, string Label);
