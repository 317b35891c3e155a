using Coursera.Catalog.Model;
using Coursera.Catalog.Subgraph;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL.Types;

namespace Coursera.Catalog.Content;

public sealed class ItemType : ObjectGraphType<Item>
{
    public ItemType()
    {
        Name = "Item";
        Description = "One thing to do in a module: a lecture, a reading, a quiz, an assignment or a peer review.";
        this.KeyById((context, id) => context.Service<CatalogLoaders>().PublicItemById.Load(id));

        Field(i => i.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.Position).Description("Order within the module, starting at 0.");
        Field(i => i.Kind, type: typeof(NonNullGraphType<ItemKindType>));
        Field(i => i.Title);
        Field(i => i.DurationMinutes);
        Field(i => i.VideoAssetId, nullable: true).Description("The media asset a lecture plays.");
        Field(i => i.Required).Description("Required items count towards completion.");
        Field(i => i.Graded).Description("Completed by a passing grade from the assessment service rather than the learner's report.");
        Field<NonNullGraphType<IdGraphType>>("moduleId").Resolve(c => c.Source.ModuleId);
    }
}
