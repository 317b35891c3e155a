using Coursera.Catalog.Content;
using Coursera.Catalog.Courses;
using Coursera.Catalog.Partners;
using Coursera.Catalog.Specializations;
using GraphQL.Types;

namespace Coursera.Catalog.Subgraph;

public sealed class CatalogSchema : Schema
{
    public CatalogSchema(IServiceProvider services, CatalogQuery query, CatalogMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;

        // Entities reachable only through _entities must be registered, or the subgraph cannot resolve them.
        RegisterType(typeof(InstructorType));
        RegisterType(typeof(ItemType));
        RegisterType(typeof(CourseSessionType));
        RegisterType(typeof(SpecializationType));
    }
}
