using Coursera.Assessment.Model;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Assessment.Gradebook;

public sealed class GradeGroupType : ObjectGraphType<GradeGroup>
{
    public GradeGroupType()
    {
        Name = "GradeGroup";
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(c => c.Source.CourseId);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("dropLowest").Resolve(c => c.Source.DropLowest);
    }
}

public sealed class SetGradeGroupPayloadType() : MutationPayloadType<GradeGroupType, GradeGroup>("SetGradeGroupPayload", "gradeGroup");
