using Coursera.Assessment.Model;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Assessment.Schedules;

public sealed class LearnerScheduleType : ObjectGraphType<LearnerSchedule>
{
    public LearnerScheduleType()
    {
        Name = "LearnerSchedule";
        Description = "The signed-in learner's personal deadlines in a course: a pace to keep, never a penalty; reset them when behind.";
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(c => c.Source.CourseId);
        Field<NonNullGraphType<DateTimeGraphType>>("enrolledAt").Resolve(c => c.Source.EnrolledAt);
        Field<NonNullGraphType<DateTimeGraphType>>("startsAt").Description("The enrollment, moved forward by each reset.").Resolve(c => c.Source.StartsAt);
        Field<NonNullGraphType<IntGraphType>>("resets").Resolve(c => c.Source.Resets);
        Field<DateTimeGraphType>("lastResetAt").Resolve(c => c.Source.ResetAt);
        Field<NonNullGraphType<BooleanGraphType>>("behind").Description("A deadline passed on work not passed yet: resetSchedule moves the deadlines forward.")
            .Resolve(c => c.Source.Behind);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScheduledDeadlineType>>>>("deadlines").Description("Earliest first.")
            .Resolve(c => c.Source.Deadlines);
    }
}

public sealed class ScheduledDeadlineType : ObjectGraphType<PersonalSchedule.Deadline>
{
    public ScheduledDeadlineType()
    {
        Name = "ScheduledDeadline";
        Field<NonNullGraphType<IdGraphType>>("itemId").Resolve(c => c.Source.ItemId);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<DateTimeGraphType>>("dueAt").Resolve(c => c.Source.DueAt);
        Field<NonNullGraphType<BooleanGraphType>>("passed").Resolve(c => c.Source.Passed);
        Field<NonNullGraphType<BooleanGraphType>>("missed").Description("Due before now, and not passed.").Resolve(c => c.Source.Missed);
    }
}

public sealed class ResetSchedulePayloadType() : MutationPayloadType<LearnerScheduleType, LearnerSchedule>("ResetSchedulePayload", "schedule");
