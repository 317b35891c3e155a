using Coursera.Learner.Model;
using GraphQL.Types;

namespace Coursera.Learner.Enrollments;

public sealed class EntitlementType : ObjectGraphType<Entitlement>
{
    public EntitlementType()
    {
        Name = "Entitlement";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("learnerId").Resolve(c => c.Source.LearnerId);
        Field<IdGraphType>("courseId").Description("The course it pays for; null for every course (Coursera Plus).").Resolve(c => c.Source.CourseId);
        Field<NonNullGraphType<DateTimeGraphType>>("grantedAt").Resolve(c => c.Source.GrantedAt);
        Field<NonNullGraphType<BooleanGraphType>>("used").Resolve(c => c.Source.EnrollmentId is not null);
    }
}
