using GraphQL.Types;

namespace Coursera.Assessment.Regrading;

public sealed class RegradeResultType : ObjectGraphType<RegradeResult>
{
    public RegradeResultType()
    {
        Name = "Regrade";
        Field<NonNullGraphType<BooleanGraphType>>("applied").Description("False on a dry run: nothing was stored.").Resolve(c => c.Source.Applied);
        Field<NonNullGraphType<IntGraphType>>("attemptsChecked").Resolve(c => c.Source.AttemptsChecked);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RegradeChangeType>>>>("changes").Resolve(c => c.Source.Changes);
    }
}

public sealed class RegradeChangeType : ObjectGraphType<RegradeChange>
{
    public RegradeChangeType()
    {
        Name = "RegradeChange";
        Field<NonNullGraphType<IdGraphType>>("attemptId").Resolve(c => c.Source.AttemptId);
        Field<NonNullGraphType<IdGraphType>>("learnerId").Resolve(c => c.Source.LearnerId);
        Field<NonNullGraphType<IntGraphType>>("number").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<FloatGraphType>>("oldScore").Resolve(c => c.Source.OldScore);
        Field<NonNullGraphType<FloatGraphType>>("newScore").Resolve(c => c.Source.NewScore);
        Field<NonNullGraphType<BooleanGraphType>>("oldPassed").Resolve(c => c.Source.OldPassed);
        Field<NonNullGraphType<BooleanGraphType>>("newPassed").Resolve(c => c.Source.NewPassed);
    }
}

public sealed class RegradeAssessmentPayloadType() : Subgraphs.UserErrors.MutationPayloadType<RegradeResultType, RegradeResult>("RegradeAssessmentPayload", "regrade");
