using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.Authoring;

public sealed class AttemptPolicyType : ObjectGraphType<AttemptPolicy>
{
    public AttemptPolicyType()
    {
        Name = "AttemptPolicy";
        Field<IntGraphType>("maxAttempts").Resolve(c => c.Source.MaxAttempts);
        Field<IntGraphType>("attemptsPerWindow").Resolve(c => c.Source.AttemptsPerWindow);
        Field<FloatGraphType>("windowHours").Resolve(c => c.Source.WindowHours);
        Field<IntGraphType>("cooldownMinutes").Resolve(c => c.Source.CooldownMinutes);
        Field<IntGraphType>("timeLimitMinutes").Resolve(c => c.Source.TimeLimitMinutes);
        Field<DateTimeGraphType>("deadline").Description("The hard deadline (a learner may have an extension: Assessment.viewerDeadline).")
            .Resolve(c => c.Source.Deadline);
        Field<IntGraphType>("dueDaysAfterEnrollment")
            .Description("A personal schedule: each learner's deadline is this many days after their schedule starts (Course.viewerSchedule).")
            .Resolve(c => c.Source.DueDaysAfterEnrollment);
        Field<NonNullGraphType<FloatGraphType>>("latePenaltyPerDay").Description("The share of the score late work loses per day started.")
            .Resolve(c => c.Source.LatePenaltyPerDay);
        Field<NonNullGraphType<FloatGraphType>>("latePenaltyFloor").Description("The lowest share of its score late work keeps.")
            .Resolve(c => c.Source.LatePenaltyFloor);
        Field<NonNullGraphType<FloatGraphType>>("passingScore").Resolve(c => c.Source.PassingScore);
        Field<NonNullGraphType<GradingMethodType>>("gradingMethod").Resolve(c => c.Source.GradingMethod);
        Field<NonNullGraphType<AnswerDisclosureType>>("showAnswers").Resolve(c => c.Source.ShowAnswers);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PoolDrawType>>>>("poolDraws").Resolve(c => c.Source.PoolDraws);
    }
}

public sealed class PoolDrawType : ObjectGraphType<PoolDraw>
{
    public PoolDrawType()
    {
        Name = "PoolDraw";
        Field<NonNullGraphType<StringGraphType>>("pool").Resolve(c => c.Source.Pool);
        Field<NonNullGraphType<IntGraphType>>("count").Description("Questions drawn from the pool for each attempt.").Resolve(c => c.Source.Count);
    }
}
