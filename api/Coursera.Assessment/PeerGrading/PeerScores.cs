using Coursera.Assessment.Model;

namespace Coursera.Assessment.PeerGrading;

/// <summary>
/// The grade of peer-graded work: the median of the reviewers' points on each rubric criterion (one harsh or generous
/// reviewer moves nothing), summed, over the rubric's highest points. A staff review, when there is one, decides alone.
/// </summary>
public static class PeerScores
{
    /// <summary>Whether the points given match the rubric: one of each criterion's levels, for every criterion.</summary>
    public static bool Fit(PeerReviewSetup setup, IReadOnlyDictionary<string, double> scores)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(scores);
        return scores.Count == setup.Rubric.Count
            && setup.Rubric.All(c => scores.TryGetValue(c.Id, out var points) && c.Levels.Any(l => Math.Abs(l.Points - points) < 1e-9));
    }

    /// <summary>The share of the rubric's points (0 to 1) the completed reviews give; null without any.</summary>
    public static double? Score(PeerReviewSetup setup, IReadOnlyList<PeerReview> completed)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(completed);
        var staff = completed.Where(r => r.ByStaff).MaxBy(r => r.CompletedAt);
        IReadOnlyList<PeerReview> counted = staff is not null ? [staff] : completed;
        if (counted.Count == 0 || setup.MaxPoints <= 0)
        {
            return null;
        }

        var points = setup.Rubric.Sum(c => Median([.. counted.Select(r => r.Scores.GetValueOrDefault(c.Id))]));
        return Math.Clamp(points / setup.MaxPoints, 0, 1);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
