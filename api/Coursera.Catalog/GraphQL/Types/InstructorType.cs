using Coursera.Catalog.Model;
using Coursera.GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Catalog.GraphQL.Types;

public sealed class InstructorType : ObjectGraphType<Instructor>
{
    public InstructorType()
    {
        Name = "Instructor";
        this.KeyById((context, id) => context.Loaders().InstructorById.Load(id));

        Field(i => i.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.Name);
        Field(i => i.Title, nullable: true);
        Field(i => i.Bio, nullable: true);
        Field(i => i.PhotoUrl, nullable: true);
        Field<NonNullGraphType<PartnerType>>("partner")
            .Resolve(c => c.Loaders().PartnerById.Load(c.Source.PartnerId));
    }
}
