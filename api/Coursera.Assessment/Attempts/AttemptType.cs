using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Assessment.Attempts;

/// <summary>An attempt with its questions, for the learner who makes it: never an answer key before the policy allows.</summary>
public sealed class AttemptType : ObjectGraphType<AttemptView>
{
    public AttemptType()
    {
        Name = "Attempt";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Attempt.Id);
        Field<NonNullGraphType<IntGraphType>>("number").Resolve(c => c.Source.Attempt.Number);
        Field<NonNullGraphType<AttemptStateType>>("state").Resolve(c => c.Source.Attempt.State);
        Field<NonNullGraphType<DateTimeGraphType>>("startedAt").Resolve(c => c.Source.Attempt.StartedAt);
        Field<DateTimeGraphType>("dueAt").Description("When the time limit runs out; answers saved later are refused.").Resolve(c => c.Source.Attempt.DueAt);
        Field<DateTimeGraphType>("submittedAt").Resolve(c => c.Source.Attempt.SubmittedAt);
        Field<FloatGraphType>("score").Description("0 to 1, once graded.").Resolve(c => c.Source.Attempt.Score);
        Field<BooleanGraphType>("passed").Resolve(c => c.Source.Attempt.Passed);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AttemptQuestionType>>>>("questions").Resolve(c => c.Source.Questions);
    }
}
