using Coursera.Catalog.Model;
using Coursera.Catalog.Subgraph;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL.Types;

namespace Coursera.Catalog.Partners;

public sealed class InstructorType : ObjectGraphType<Instructor>
{
    public InstructorType()
    {
        Name = "Instructor";
        this.KeyById((context, id) => context.Service<CatalogLoaders>().InstructorById.Load(id));

        Field(i => i.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.Name);
        Field(i => i.Title, nullable: true);
        Field(i => i.Bio, nullable: true);
        Field(i => i.PhotoUrl, nullable: true);
        Field<NonNullGraphType<PartnerType>>("partner")
            .Resolve(c => c.Service<CatalogLoaders>().PartnerById.Load(c.Source.PartnerId));
    }
}
