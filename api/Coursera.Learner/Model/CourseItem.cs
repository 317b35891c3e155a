namespace Coursera.Learner.Model;

/// <summary>
/// Which course an item belongs to, kept with the outline: a learner's progress report names only the item, and this
/// finds its course (and so the enrollment) in one indexed lookup, however many courses the learner takes.
/// </summary>
public sealed class CourseItem
{
    public required Guid ItemId { get; init; }
    public required Guid CourseId { get; init; }
}
