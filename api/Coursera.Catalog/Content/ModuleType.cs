using Coursera.Catalog.Model;
using Coursera.Catalog.Subgraph;
using Coursera.Subgraphs;
using GraphQL.Types;

namespace Coursera.Catalog.Content;

public sealed class ModuleType : ObjectGraphType<Module>
{
    public ModuleType()
    {
        Name = "Module";
        Field(m => m.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(m => m.Position).Description("Order within the course, starting at 0.");
        Field(m => m.Title);
        Field(m => m.Description, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemType>>>>("items")
            .Resolve(c => c.Service<CatalogLoaders>().ItemsByModule.Load(c.Source.Id));
    }
}
