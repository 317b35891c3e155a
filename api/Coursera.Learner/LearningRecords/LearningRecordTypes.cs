using Coursera.Learner.Enrollments;
using Coursera.Learner.Model;
using GraphQL.Types;

namespace Coursera.Learner.LearningRecords;

public sealed class LearningRecordPageType : ObjectGraphType<LearningRecordPage>
{
    public LearningRecordPageType()
    {
        Name = "LearningRecordPage";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LearningRecordType>>>>("records").Resolve(c => c.Source.Records);
        Field<StringGraphType>("cursor")
            .Description("Store it and pass it as after to resume: the last record's cursor, or the after given when there is nothing new.")
            .Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<BooleanGraphType>>("hasMore").Description("More records wait after this page.").Resolve(c => c.Source.HasMore);
    }
}

public sealed class LearningRecordKindType : EnumerationGraphType<LearningRecordKind>
{
    public LearningRecordKindType() => Name = "LearningRecordKind";
}

public sealed class LearningRecordType : ObjectGraphType<LearningRecord>
{
    public LearningRecordType()
    {
        Name = "LearningRecord";
        Description = "One change to an enterprise enrollment, with the enrollment as it is after the change.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Resume after this record by passing it as after.")
            .Resolve(c => LearningRecordFeed.CursorOf(c.Source));
        Field<NonNullGraphType<LearningRecordKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<BooleanGraphType>>("deleted")
            .Description("A tombstone: the enrollment was withdrawn, or the learner's account erased (their ids and personal data are gone from every record).")
            .Resolve(c => c.Source.Deleted);
        Field<NonNullGraphType<IdGraphType>>("enrollmentId").Resolve(c => c.Source.EnrollmentId);
        Field<IdGraphType>("learnerId").Description("Null once the learner's account is erased.").Resolve(c => c.Source.LearnerId);
        Field<StringGraphType>("externalId").Description("The organization's own id for the member, given in its program; null once erased or unknown.")
            .Resolve(c => c.Source.ExternalId);
        Field<StringGraphType>("email").Description("The email the organization invited the member by; null once erased or unknown.").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(c => c.Source.CourseId);
        Field<NonNullGraphType<IdGraphType>>("sessionId").Description("The enrollment's session after the change.").Resolve(c => c.Source.SessionId);
        Field<NonNullGraphType<EnrollmentTrackType>>("track")
            .Description("The enrollment's track after the change: AUDIT when the organization stopped paying for it (the member left its programs).")
            .Resolve(c => c.Source.Track);
        Field<NonNullGraphType<EnrollmentStateType>>("state").Description("The enrollment's state after the change.").Resolve(c => c.Source.State);
        Field<NonNullGraphType<FloatGraphType>>("progress").Description("Share of the course's required items complete, 0 to 1, after the change.")
            .Resolve(c => c.Source.Progress);
        Field<IdGraphType>("itemId").Description("The item that changed (PROGRESS and GRADE).").Resolve(c => c.Source.ItemId);
        Field<StringGraphType>("itemState").Description("STARTED, COMPLETED or PASSED (PROGRESS and GRADE).").Resolve(c => c.Source.ItemState);
        Field<FloatGraphType>("score").Description("GRADE: the learner's best score on the item, 0 to 1.").Resolve(c => c.Source.Score);
        Field<DateTimeGraphType>("completedAt").Resolve(c => c.Source.CompletedAt);
        Field<NonNullGraphType<DateTimeGraphType>>("occurredAt").Resolve(c => c.Source.OccurredAt);
    }
}
