using Coursera.Learner.Model;

namespace Coursera.Learner.Progress;

/// <summary>An enrollment's progress as the learner sees it, computed from the outline and the progress document.</summary>
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
        bool Done(OutlineItem item) => progress?.For(item.Id)?.IsCompleted == true;
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
