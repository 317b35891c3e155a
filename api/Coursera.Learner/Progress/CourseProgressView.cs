using Coursera.Learner.Model;

namespace Coursera.Learner.Progress;

/// <summary>
/// An enrollment's progress as the learner sees it, computed from the outline and the progress document. A required
/// item counts as complete when the learner completed it, or, for a graded item, when they passed it.
/// </summary>
public sealed record CourseProgressView(
    int RequiredItemCount,
    int CompletedRequiredItemCount,
    Guid? NextItemId,
    DateTime? LastActivityAt,
    IReadOnlyList<ModuleCompletion> Modules)
{
    /// <summary>Share of required items complete, 0 to 1 (1 for a course without required items).</summary>
    public double CompletedShare => RequiredItemCount == 0 ? 1 : (double)CompletedRequiredItemCount / RequiredItemCount;

    public bool IsComplete => CompletedRequiredItemCount == RequiredItemCount;

    public static CourseProgressView Of(CourseOutline outline, CourseProgress? progress)
    {
        ArgumentNullException.ThrowIfNull(outline);
        // A graded item is done when passed; the learner's own COMPLETED only says they submitted it.
        bool Done(OutlineItem item) => progress?.For(item.Id) is { } p && (item.Graded ? p.IsPassed : p.IsCompleted);
        var required = outline.RequiredItems.ToList();
        var next = outline.Items.FirstOrDefault(i => i.Required && !Done(i)) ?? outline.Items.FirstOrDefault(i => !Done(i));
        var modules = outline.Items.GroupBy(i => i.ModuleId)
            .Select(m => new ModuleCompletion(m.Key, m.Count(i => i.Required), m.Count(i => i.Required && Done(i))))
            .ToList();
        return new CourseProgressView(required.Count, required.Count(Done), next?.Id, progress?.LastActivityAt, modules);
    }
}

public sealed record ModuleCompletion(Guid ModuleId, int RequiredItemCount, int CompletedRequiredItemCount)
{
    public bool Completed => CompletedRequiredItemCount == RequiredItemCount;
}
