using Coursera.Catalog.Model;
using Coursera.GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Catalog.GraphQL.Types;

public sealed class SpecializationType : ObjectGraphType<Specialization>
{
    public SpecializationType()
    {
        Name = "Specialization";
        Description = "A partner's ordered series of courses.";
        this.KeyById((context, id) => context.Loaders().SpecializationById.Load(id));

        Field(s => s.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(s => s.Slug);
        Field(s => s.Title);
        Field(s => s.Description);
        Field<NonNullGraphType<PartnerType>>("partner")
            .Resolve(c => c.Loaders().PartnerById.Load(c.Source.PartnerId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CourseType>>>>("courses")
            .Description("The published courses, in the order they should be taken.")
            .Resolve(c => c.Loaders().PublicCoursesBySpecialization.Load(c.Source.Id));
    }
}
