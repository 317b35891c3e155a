using Coursera.Assessment.Authoring;
using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.Attempts;

public sealed class AttemptQuestionType : ObjectGraphType<AttemptQuestionView>
{
    public AttemptQuestionType()
    {
        Name = "AttemptQuestion";
        Field<NonNullGraphType<StringGraphType>>("id").Resolve(c => c.Source.Question.Id);
        Field<NonNullGraphType<QuestionKindType>>("kind").Resolve(c => c.Source.Question.Kind);
        Field<NonNullGraphType<StringGraphType>>("prompt").Resolve(c => c.Source.Question.Prompt);
        Field<NonNullGraphType<FloatGraphType>>("points").Resolve(c => c.Source.Question.Points);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChoiceType>>>>("choices").Resolve(c => c.Source.Question.Choices);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChoiceType>>>>("matches").Description("For MATCHING: what the choices are matched to.")
            .Resolve(c => c.Source.Question.Matches);
        Field<AnswerType>("answer").Description("What the learner saved.").Resolve(c => c.Source.Answer);
        Field<FloatGraphType>("score").Description("0 to 1, once graded and when the policy shows answers.").Resolve(c => c.Source.Score);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("correctChoiceIds").Description("Shown when the policy shows answers.")
            .Resolve(c => c.Source.Key?.CorrectChoiceIds);
        Field<ListGraphType<NonNullGraphType<PairType>>>("correctPairs").Resolve(c => c.Source.Key?.CorrectPairs);
        Field<FloatGraphType>("numericAnswer").Resolve(c => c.Source.Key?.NumericAnswer);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("acceptedAnswers").Resolve(c => c.Source.Key?.AcceptedAnswers);
        Field<StringGraphType>("explanation").Resolve(c => c.Source.Key?.Explanation);
    }
}

public sealed class AnswerType : ObjectGraphType<Answer>
{
    public AnswerType()
    {
        Name = "Answer";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("choiceIds").Resolve(c => c.Source.ChoiceIds);
        Field<FloatGraphType>("number").Resolve(c => c.Source.Number);
        Field<StringGraphType>("text").Resolve(c => c.Source.Text);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PairType>>>>("pairs").Resolve(c => c.Source.Pairs);
    }
}
