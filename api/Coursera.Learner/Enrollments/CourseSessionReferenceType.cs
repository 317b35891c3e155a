using Coursera.Learner.Subgraph;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Learner.Enrollments;

/// <summary>The catalog's course session, referenced by enrollments.</summary>
public sealed class CourseSessionReferenceType : ObjectGraphType<CourseSessionReference>
{
    public CourseSessionReferenceType()
    {
        Name = "CourseSession";
        this.Key("id", resolvable: false);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
    }
}
