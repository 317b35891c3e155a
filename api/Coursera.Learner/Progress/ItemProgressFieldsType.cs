using Coursera.Learner.Enrollments;
using Coursera.Learner.Subgraph;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Learner.Progress;

/// <summary>The catalog's item: this subgraph adds the viewer's progress in it.</summary>
public sealed class ItemProgressFieldsType : ObjectGraphType<ItemReference>
{
    public ItemProgressFieldsType()
    {
        Name = "Item";
        this.Key("id");
        this.ResolveReference<IdReference, ItemReference>((_, reference) => new ItemReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<ItemProgressType>("viewerProgress")
            .Description("The signed-in learner's progress in the item, through their current enrollment in its course; null when not started or not enrolled.")
            .ResolveAsync(async c =>
            {
                var enrollments = (await c.Service<ViewerLearning>().EnrollmentsAsync(c.Caller(), c.CancellationToken)).Where(e => e.IsCurrent).ToList();

                // Every outline and every progress document asked for before anything is awaited, so that each comes
                // in one batch for all the items of the request (awaiting one would send its batch alone).
                var loaders = c.Service<LearnerLoaders>();
                var outlinesPending = enrollments.Select(e => loaders.OutlineByCourse.Load(e.CourseId)).ToList();
                var progressPending = enrollments.Select(e => loaders.ProgressByEnrollment.Load(e.Id)).ToList();
                var outlines = await Task.WhenAll(outlinesPending.Select(p => p.GetResultAsync(c.CancellationToken)));
                var index = Array.FindIndex(outlines, o => o?.Items.Any(i => i.Id == c.Source.Id) == true);
                if (index < 0)
                {
                    return null;
                }

                var progress = await progressPending[index].GetResultAsync(c.CancellationToken);
                return progress?.For(c.Source.Id) is { } item ? new ItemProgressView(c.Source.Id, item) : null;
            });
    }
}
