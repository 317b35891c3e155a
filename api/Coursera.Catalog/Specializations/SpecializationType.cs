using Coursera.Catalog.Courses;
using Coursera.Catalog.Model;
using Coursera.Catalog.Partners;
using Coursera.Catalog.Subgraph;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Connections;
using Coursera.Subgraphs.Federation;
using GraphQL.Types;

namespace Coursera.Catalog.Specializations;

public sealed class SpecializationType : ObjectGraphType<Specialization>
{
    public SpecializationType()
    {
        Name = "Specialization";
        Description = "A partner's ordered series of courses.";
        this.KeyById((context, id) => context.Service<CatalogLoaders>().SpecializationById.Load(id));

        Field(s => s.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(s => s.Slug);
        Field(s => s.Title);
        Field(s => s.Description);
        Field<NonNullGraphType<PartnerType>>("partner")
            .Resolve(c => c.Service<CatalogLoaders>().PartnerById.Load(c.Source.PartnerId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CourseType>>>>("courses")
            .Description("The published courses, in the order they should be taken.")
            .Resolve(c => c.Service<CatalogLoaders>().PublicCoursesBySpecialization.Load(c.Source.Id));
    }
}

public sealed class SpecializationConnectionType : ConnectionGraphType<SpecializationType, Specialization>;
