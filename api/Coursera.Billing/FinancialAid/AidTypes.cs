using Coursera.Billing.Model;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Billing.FinancialAid;

public sealed class AidStateType : EnumerationGraphType<AidState>
{
    public AidStateType() => Name = "FinancialAidState";
}

public sealed class AidApplicationType : ObjectGraphType<AidApplication>
{
    public AidApplicationType()
    {
        Name = "FinancialAidApplication";
        Description = "A request for financial aid for one course: PENDING until reviewed; APPROVED gives the PAID track free for 180 days.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(c => c.Source.CourseId);
        Field<NonNullGraphType<IdGraphType>>("learnerId").Resolve(c => c.Source.LearnerId);
        Field<NonNullGraphType<StringGraphType>>("reasons").Resolve(c => c.Source.Reasons);
        Field<NonNullGraphType<StringGraphType>>("goals").Resolve(c => c.Source.Goals);
        Field<NonNullGraphType<AidStateType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeGraphType>>("submittedAt").Resolve(c => c.Source.SubmittedAt);
        Field<DateTimeGraphType>("decidedAt").Resolve(c => c.Source.DecidedAt);
        Field<StringGraphType>("note").Description("The reviewer's note.").Resolve(c => c.Source.Note);
        Field<DateTimeGraphType>("accessEndsAt").Description("When the free access of an approval ends.").Resolve(c => c.Source.AccessEndsAt);
    }
}

public sealed class ApplyForFinancialAidPayloadType() : MutationPayloadType<AidApplicationType, AidApplication>("ApplyForFinancialAidPayload", "application");

public sealed class ReviewFinancialAidPayloadType() : MutationPayloadType<AidApplicationType, AidApplication>("ReviewFinancialAidPayload", "application");
