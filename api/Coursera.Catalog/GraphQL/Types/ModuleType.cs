using Coursera.Catalog.Model;
using GraphQL.Types;

namespace Coursera.Catalog.GraphQL.Types;

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
            .Resolve(c => c.Loaders().ItemsByModule.Load(c.Source.Id));
    }
}
