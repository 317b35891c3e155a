using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.Attempts;

/// <summary>An attempt without its questions, as listed under an assessment.</summary>
public sealed class AttemptSummaryType : ObjectGraphType<Attempt>
{
    public AttemptSummaryType()
    {
        Name = "AttemptSummary";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IntGraphType>>("number").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<AttemptStateType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeGraphType>>("startedAt").Resolve(c => c.Source.StartedAt);
        Field<DateTimeGraphType>("submittedAt").Resolve(c => c.Source.SubmittedAt);
        Field<FloatGraphType>("score").Resolve(c => c.Source.Score);
        Field<BooleanGraphType>("passed").Resolve(c => c.Source.Passed);
    }
}
