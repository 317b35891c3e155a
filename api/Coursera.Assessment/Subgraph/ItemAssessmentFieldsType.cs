using Coursera.Assessment.Authoring;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Assessment.Subgraph;

/// <summary>The catalog's item: this subgraph adds its assessment (published, or any version for the course's authors).</summary>
public sealed class ItemAssessmentFieldsType : ObjectGraphType<ItemReference>
{
    public ItemAssessmentFieldsType()
    {
        Name = "Item";
        this.Key("id");
        this.ResolveReference<IdReference, ItemReference>((_, reference) => new ItemReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<AssessmentType>("assessment")
            .Description("The item's assessment: null when it has none published (its authors see drafts too).")
            .ResolveAsync(async c =>
            {
                var assessment = await c.Service<AssessmentLoaders>().AssessmentByItem.Load(c.Source.Id).GetResultAsync(c.CancellationToken);
                return assessment is not null && (assessment.Published is not null || AuthoringAccess.CanAuthor(c.Caller(), assessment.PartnerId))
                    ? assessment
                    : null;
            });
    }
}
