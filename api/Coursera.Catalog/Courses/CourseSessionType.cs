using Coursera.Catalog.Model;
using Coursera.Catalog.Subgraph;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL.Types;

namespace Coursera.Catalog.Courses;

public sealed class CourseSessionType : ObjectGraphType<CourseSession>
{
    public CourseSessionType()
    {
        Name = "CourseSession";
        Description = "A run of a course; learners enroll while its enrollment window is open.";
        this.KeyById((context, id) => context.Service<CatalogLoaders>().PublicSessionById.Load(id));

        Field(s => s.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(c => c.Source.CourseId);
        Field(s => s.StartsAt);
        Field(s => s.EndsAt);
        Field(s => s.EnrollmentOpensAt);
        Field(s => s.EnrollmentClosesAt);
    }
}
