using Coursera.Catalog.Content;
using Coursera.Catalog.Model;
using Coursera.Catalog.Partners;
using Coursera.Catalog.Subgraph;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Connections;
using Coursera.Subgraphs.Federation;
using GraphQL.Types;

namespace Coursera.Catalog.Courses;

public sealed class CourseType : ObjectGraphType<Course>
{
    public CourseType()
    {
        Name = "Course";
        this.KeyById((context, id) => context.Service<CatalogLoaders>().PublicCourseById.Load(id));

        Field(c => c.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Slug);
        Field(c => c.Title);
        Field(c => c.Subtitle, nullable: true);
        Field(c => c.Description);
        Field(c => c.Language).Description("BCP 47 language tag, e.g. en or pt-BR.");
        Field(c => c.Level, type: typeof(NonNullGraphType<CourseLevelType>));
        Field(c => c.Skills);
        Field(c => c.WorkloadHours).Description("Estimated hours to complete.");
        Field(c => c.Status, type: typeof(NonNullGraphType<CourseStatusType>));
        Field(c => c.PublishedAt, nullable: true);
        Field<NonNullGraphType<PartnerType>>("partner")
            .Resolve(c => c.Service<CatalogLoaders>().PartnerById.Load(c.Source.PartnerId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InstructorType>>>>("instructors")
            .Resolve(c => c.Service<CatalogLoaders>().InstructorsByCourse.Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModuleType>>>>("modules")
            .Resolve(c => c.Service<CatalogLoaders>().ModulesByCourse.Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CourseType>>>>("prerequisites")
            .Description("Courses to complete before enrolling in this one; only public ones are listed.")
            .Resolve(c => c.Service<CatalogLoaders>().PublicCourseById.LoadFound(c.Source.PrerequisiteIds));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CourseSessionType>>>>("sessions")
            .Resolve(c => c.Service<CatalogLoaders>().SessionsByCourse.Load(c.Source.Id));
    }
}

public sealed class CourseConnectionType : ConnectionGraphType<CourseType, Course>;
