using Coursera.Catalog.Model;
using GraphQL.Types;

namespace Coursera.Catalog.Content;

public sealed class ItemKindType : EnumerationGraphType<ItemKind>
{
    public ItemKindType() => Name = "ItemKind";
}
