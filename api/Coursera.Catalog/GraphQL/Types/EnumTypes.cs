using Coursera.Catalog.Model;
using GraphQL.Types;

namespace Coursera.Catalog.GraphQL.Types;

public sealed class CourseStatusType : EnumerationGraphType<CourseStatus>
{
    public CourseStatusType() => Name = "CourseStatus";
}

public sealed class CourseLevelType : EnumerationGraphType<CourseLevel>
{
    public CourseLevelType() => Name = "CourseLevel";
}

public sealed class ItemKindType : EnumerationGraphType<ItemKind>
{
    public ItemKindType() => Name = "ItemKind";
}
