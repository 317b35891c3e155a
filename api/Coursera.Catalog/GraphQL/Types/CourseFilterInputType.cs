using Coursera.Catalog.Model;
using GraphQL.Types;

namespace Coursera.Catalog.GraphQL.Types;

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

public sealed class PartnerConnectionType : Coursera.GraphQL.Connections.ConnectionGraphType<PartnerType, Partner>;

public sealed class SpecializationConnectionType
    : Coursera.GraphQL.Connections.ConnectionGraphType<SpecializationType, Specialization>;
