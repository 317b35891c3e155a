namespace Coursera.Assessment.Model;

/// <summary>
/// A course grade and how it was reached: the weighted average of the graded items' kept grades (an item not yet
/// graded counts 0), passed when every graded item is passed. Each line says what the item weighs and adds.
/// </summary>
public static class CourseGrading
{
    public const string Rule =
        "The course grade is the average of the graded items' kept grades, weighted by each item's weight; an item not yet graded counts 0. The course is passed when every graded item is passed.";

    public sealed record ItemInput(Guid ItemId, string Title, double Weight, bool HasAssessment, double? Score, bool Passed);

    public sealed record Line(Guid ItemId, string Title, double Weight, double Share, double? Score, bool Passed, double Contribution, bool HasAssessment);

    public sealed record Result(double Score, bool Passed, IReadOnlyList<Line> Lines)
    {
        public string Rule => CourseGrading.Rule;
    }

    public static Result Compute(IReadOnlyList<ItemInput> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var total = items.Sum(i => i.Weight);
        var lines = items.Select(i =>
        {
            var share = total > 0 ? i.Weight / total : 0;
            return new Line(i.ItemId, i.Title, i.Weight, share, i.Score, i.Passed, share * (i.Score ?? 0), i.HasAssessment);
        }).ToList();
        return new Result(lines.Sum(l => l.Contribution), items.Count > 0 && items.All(i => i.Passed), lines);
    }
}
