using GraphQL.Types;

namespace Coursera.Catalog.Courses;

public sealed class CourseFilterInputType : InputObjectGraphType<CourseFilter>
{
    public CourseFilterInputType()
    {
        Name = "CourseFilter";
        Field(f => f.PartnerSlug, nullable: true);
        Field(f => f.Language, nullable: true).Description("BCP 47 language tag.");
        Field<CourseLevelType>("level");
        Field(f => f.Skill, nullable: true).Description("Courses that teach this skill.");
        Field(f => f.Search, nullable: true).Description("Full-text search over title, subtitle and description (web search syntax).");
    }
}

public sealed class CourseOrderByType : EnumerationGraphType<CourseOrder>
{
    public CourseOrderByType()
    {
        Name = "CourseOrderBy";
        Description = "RELEVANCE needs a search term and is the default with one; NEWEST is the default without.";
    }
}
