using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.Authoring;

public sealed class QuestionType : ObjectGraphType<Question>
{
    public QuestionType()
    {
        Name = "Question";
        Description = "A question with its answer key, for the course's authors.";
        Field<NonNullGraphType<StringGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<QuestionKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("prompt").Resolve(c => c.Source.Prompt);
        Field<NonNullGraphType<FloatGraphType>>("points").Resolve(c => c.Source.Points);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChoiceType>>>>("choices").Resolve(c => c.Source.Choices);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("correctChoiceIds")
            .Description("The correct choices; for ORDERING, every item in the right order.").Resolve(c => c.Source.CorrectChoiceIds);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChoiceType>>>>("matches").Resolve(c => c.Source.Matches);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PairType>>>>("correctPairs").Resolve(c => c.Source.CorrectPairs);
        Field<StringGraphType>("pool").Resolve(c => c.Source.Pool);
        Field<FloatGraphType>("numericAnswer").Resolve(c => c.Source.NumericAnswer);
        Field<NonNullGraphType<FloatGraphType>>("tolerance").Resolve(c => c.Source.Tolerance);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("acceptedAnswers").Resolve(c => c.Source.AcceptedAnswers);
        Field<StringGraphType>("explanation").Resolve(c => c.Source.Explanation);
    }
}

public sealed class ChoiceType : ObjectGraphType<Choice>
{
    public ChoiceType()
    {
        Name = "Choice";
        Field<NonNullGraphType<StringGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("text").Resolve(c => c.Source.Text);
    }
}

public sealed class PairType : ObjectGraphType<Pair>
{
    public PairType()
    {
        Name = "Pair";
        Description = "A choice of a MATCHING question and the match given to it.";
        Field<NonNullGraphType<StringGraphType>>("choiceId").Resolve(c => c.Source.ChoiceId);
        Field<NonNullGraphType<StringGraphType>>("matchId").Resolve(c => c.Source.MatchId);
    }
}
