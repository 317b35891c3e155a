using Coursera.Catalog.GraphQL.Mutations;
using Coursera.Catalog.GraphQL.Types;
using GraphQL.Types;

namespace Coursera.Catalog.GraphQL;

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
