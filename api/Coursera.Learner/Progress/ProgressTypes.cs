using Coursera.Learner.Model;
using Coursera.Learner.Subgraph;
using GraphQL.Types;

namespace Coursera.Learner.Progress;

public sealed class CourseProgressType : ObjectGraphType<CourseProgressView>
{
    public CourseProgressType()
    {
        Name = "CourseProgress";
        Field<NonNullGraphType<FloatGraphType>>("completedShare").Description("Share of required items complete, 0 to 1.").Resolve(c => c.Source.CompletedShare);
        Field<NonNullGraphType<IntGraphType>>("requiredItemCount").Resolve(c => c.Source.RequiredItemCount);
        Field<NonNullGraphType<IntGraphType>>("completedRequiredItemCount").Resolve(c => c.Source.CompletedRequiredItemCount);
        Field<ItemProgressFieldsType>("nextItem").Description("The first required item not complete; null when all are.")
            .Resolve(c => c.Source.NextItemId is { } id ? new ItemReference(id) : null);
        Field<DateTimeGraphType>("lastActivityAt").Resolve(c => c.Source.LastActivityAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModuleCompletionType>>>>("modules").Resolve(c => c.Source.Modules);
    }
}

public sealed class ModuleCompletionType : ObjectGraphType<ModuleCompletion>
{
    public ModuleCompletionType()
    {
        Name = "ModuleCompletion";
        Field<NonNullGraphType<IdGraphType>>("moduleId").Resolve(c => c.Source.ModuleId);
        Field<NonNullGraphType<BooleanGraphType>>("completed").Resolve(c => c.Source.Completed);
        Field<NonNullGraphType<IntGraphType>>("requiredItemCount").Resolve(c => c.Source.RequiredItemCount);
        Field<NonNullGraphType<IntGraphType>>("completedRequiredItemCount").Resolve(c => c.Source.CompletedRequiredItemCount);
    }
}

/// <summary>One item's progress, with the item's id.</summary>
public sealed record ItemProgressView(Guid ItemId, ItemProgress Progress);

public sealed class ItemProgressStateType : EnumerationGraphType
{
    public ItemProgressStateType()
    {
        Name = "ItemProgressState";
        Add("STARTED", "STARTED");
        Add("COMPLETED", "COMPLETED", "Reported done by the learner's client; for a graded item: submitted, not (yet) passed.");
        Add("PASSED", "PASSED", "A graded item with a passing grade from the assessment service.");
    }
}

public sealed class ItemProgressType : ObjectGraphType<ItemProgressView>
{
    public ItemProgressType()
    {
        Name = "ItemProgress";
        Field<NonNullGraphType<IdGraphType>>("itemId").Resolve(c => c.Source.ItemId);
        Field<NonNullGraphType<ItemProgressStateType>>("state").Resolve(c => c.Source.Progress.State);
        Field<FloatGraphType>("bestScore").Description("The best grade of a graded item, 0 to 1; null before the first.").Resolve(c => c.Source.Progress.BestScore);
        Field<NonNullGraphType<FloatGraphType>>("positionSeconds").Description("How far into the item's video, in seconds.").Resolve(c => c.Source.Progress.PositionSeconds);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Resolve(c => c.Source.Progress.UpdatedAt);
    }
}
