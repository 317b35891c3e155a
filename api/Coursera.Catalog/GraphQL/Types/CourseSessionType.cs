using Coursera.Catalog.Model;
using Coursera.GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Catalog.GraphQL.Types;

public sealed class CourseSessionType : ObjectGraphType<CourseSession>
{
    public CourseSessionType()
    {
        Name = "CourseSession";
        Description = "A run of a course; learners enroll while its enrollment window is open.";
        this.KeyById((context, id) => context.Loaders().SessionById.Load(id));

        Field(s => s.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(c => c.Source.CourseId);
        Field(s => s.StartsAt);
        Field(s => s.EndsAt);
        Field(s => s.EnrollmentOpensAt);
        Field(s => s.EnrollmentClosesAt);
    }
}
