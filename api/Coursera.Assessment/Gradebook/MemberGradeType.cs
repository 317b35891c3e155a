using GraphQL.Types;

namespace Coursera.Assessment.Gradebook;

public sealed class MemberGradeType : ObjectGraphType<MemberGrade>
{
    public MemberGradeType()
    {
        Name = "MemberGrade";
        Description = "A program member's course grade with its breakdown.";
        Field<NonNullGraphType<IdGraphType>>("learnerId").Resolve(c => c.Source.LearnerId);
        Field<NonNullGraphType<CourseGradeType>>("grade").Resolve(c => c.Source.Grade);
    }
}
