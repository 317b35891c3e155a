using Coursera.Assessment.Gradebook;
using Coursera.Assessment.Schedules;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Assessment.Subgraph;

/// <summary>The catalog's course: this subgraph adds the signed-in learner's grade and schedule in it, and its organizations' members' grades.</summary>
public sealed class CourseGradeFieldsType : ObjectGraphType<CourseReference>
{
    public CourseGradeFieldsType()
    {
        Name = "Course";
        this.Key("id");
        this.ResolveReference<IdReference, CourseReference>((_, reference) => new CourseReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<CourseGradeType>("viewerGrade")
            .Description("The signed-in learner's course grade with its breakdown; null for a course without graded items, or without a learner.")
            .ResolveAsync(async c => c.Caller().UserId is { } learner
                ? await c.Service<CourseGrades>().CourseGradeAsync(c.Source.Id, learner, c.CancellationToken)
                : null);
        Field<LearnerScheduleType>("viewerSchedule")
            .Description("The signed-in learner's personal deadlines; null without an enrollment or when the course has none.")
            .ResolveAsync(async c => c.Caller().UserId is { } learner
                ? await c.Service<PersonalSchedules>().ForAsync(c.Source.Id, learner, c.CancellationToken)
                : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MemberGradeType>>>>("organizationGrades")
            .Description("The course grades of the learners enrolled through the organization's programs: its administrators and its API clients with reports:read.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .ResolveAsync(async c => await c.Service<CourseGrades>().OfOrganizationAsync(c.Source.Id, Ids.Parse(c.GetArgument<string>("organizationId"), "organizationId"),
                c.Caller(), c.CancellationToken));
    }
}
