using Coursera.Learner.Enrollments;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Learner.Progress;

public sealed class RecordProgressPayloadType : ObjectGraphType<RecordProgressPayload>
{
    public RecordProgressPayloadType()
    {
        Name = "RecordProgressPayload";
        Field<ItemProgressType>("progress").Resolve(c => c.Source is { ItemId: { } id, Progress: { } p } ? new ItemProgressView(id, p) : null);
        Field<EnrollmentType>("enrollment").Description("COMPLETED when this report finished the course.").Resolve(c => c.Source.Enrollment);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
