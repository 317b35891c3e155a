namespace Coursera.Assessment.Model;

/// <summary>
/// A course grade and how it was reached: the weighted average of the graded items' kept grades (an item not yet
/// graded counts 0), less the lowest ones a group drops, passed when every item that counts is passed. Each line says
/// what the item weighs and adds, and whether it was dropped.
/// </summary>
public static class CourseGrading
{
    public const string Rule =
        "The course grade is the average of the graded items' kept grades, weighted by each item's weight; an item not yet graded counts 0; a late penalty is already taken off the item's grade. A group that drops its lowest grades leaves them out (never all of the group). The course is passed when every graded item that counts is passed.";

    public sealed record ItemInput(Guid ItemId, string Title, double Weight, bool HasAssessment, double? Score, bool Passed)
    {
        public string? Group { get; init; }

        /// <summary>What late penalties took from <see cref="Score"/>.</summary>
        public double LateLoss { get; init; }
    }

    public sealed record Line(Guid ItemId, string Title, double Weight, double Share, double? Score, bool Passed, double Contribution, bool HasAssessment)
    {
        public string? Group { get; init; }

        /// <summary>One of its group's lowest grades, left out: its share is 0.</summary>
        public bool Dropped { get; init; }

        /// <summary>What late penalties took from the item's grade (0 to 1, before its share).</summary>
        public double LatePenalty { get; init; }
    }

    public sealed record Result(double Score, bool Passed, IReadOnlyList<Line> Lines)
    {
        public string Rule => CourseGrading.Rule;
    }

    /// <param name="dropLowest">How many grades each group drops, by group name (a group not named drops none).</param>
    public static Result Compute(IReadOnlyList<ItemInput> items, IReadOnlyDictionary<string, int>? dropLowest = null)
    {
        ArgumentNullException.ThrowIfNull(items);

        // The lowest grades of a group go (an item not graded yet counts 0, so it goes first), in the given order on ties.
        var dropped = items.Where(i => i.Group is not null).GroupBy(i => i.Group!)
            .SelectMany(g => g.OrderBy(i => i.Score ?? 0).Take(Math.Min(dropLowest?.GetValueOrDefault(g.Key) ?? 0, g.Count() - 1)))
            .Select(i => i.ItemId).ToHashSet();
        var counted = items.Where(i => !dropped.Contains(i.ItemId)).ToList();
        var total = counted.Sum(i => i.Weight);
        var lines = items.Select(i =>
        {
            var share = total > 0 && !dropped.Contains(i.ItemId) ? i.Weight / total : 0;
            return new Line(i.ItemId, i.Title, i.Weight, share, i.Score, i.Passed, share * (i.Score ?? 0), i.HasAssessment)
            {
                Group = i.Group,
                Dropped = dropped.Contains(i.ItemId),
                LatePenalty = i.LateLoss,
            };
        }).ToList();
        return new Result(lines.Sum(l => l.Contribution), counted.Count > 0 && counted.All(i => i.Passed), lines);
    }
}
