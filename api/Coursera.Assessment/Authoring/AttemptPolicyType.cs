using Coursera.Assessment.Model;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
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
        Field<NonNullGraphType<FloatGraphType>>("passingScore").Resolve(c => c.Source.PassingScore);
        Field<NonNullGraphType<GradingMethodType>>("gradingMethod").Resolve(c => c.Source.GradingMethod);
        Field<NonNullGraphType<AnswerDisclosureType>>("showAnswers").Resolve(c => c.Source.ShowAnswers);
    }
}
