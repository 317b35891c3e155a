using Coursera.Catalog.Model;
using GraphQL.Types;

namespace Coursera.Catalog.Courses;

public sealed class CourseStatusType : EnumerationGraphType<CourseStatus>
{
    public CourseStatusType() => Name = "CourseStatus";
}

public sealed class CourseLevelType : EnumerationGraphType<CourseLevel>
{
    public CourseLevelType() => Name = "CourseLevel";
}
