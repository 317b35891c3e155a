using GraphQL.Types;

namespace Coursera.Assessment.Statistics;

public sealed class AssessmentStatisticsType : ObjectGraphType<AssessmentStatistics.Summary>
{
    public AssessmentStatisticsType()
    {
        Name = "AssessmentStatistics";
        Field<NonNullGraphType<IntGraphType>>("attempts").Description("Graded attempts.").Resolve(c => c.Source.Attempts);
        Field<NonNullGraphType<IntGraphType>>("learners").Description("Learners with a graded attempt.").Resolve(c => c.Source.Learners);
        Field<NonNullGraphType<IntGraphType>>("learnersPassed").Description("Learners whose kept grade passes.").Resolve(c => c.Source.LearnersPassed);
        Field<FloatGraphType>("meanScore").Description("Of graded attempts, 0 to 1.").Resolve(c => c.Source.MeanScore);
        Field<FloatGraphType>("passRate").Description("The share of graded attempts that pass.").Resolve(c => c.Source.PassRate);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuestionStatisticsType>>>>("questions")
            .Description("Per question of the newest version, scored with its key.").Resolve(c => c.Source.Questions);
    }
}

public sealed class QuestionStatisticsType : ObjectGraphType<AssessmentStatistics.QuestionSummary>
{
    public QuestionStatisticsType()
    {
        Name = "QuestionStatistics";
        Field<NonNullGraphType<StringGraphType>>("questionId").Resolve(c => c.Source.QuestionId);
        Field<NonNullGraphType<StringGraphType>>("prompt").Resolve(c => c.Source.Prompt);
        Field<NonNullGraphType<IntGraphType>>("answered").Description("Graded attempts that had the question.").Resolve(c => c.Source.Answered);
        Field<FloatGraphType>("meanScore").Description("Its difficulty: the mean score of its answers, 0 (nobody right) to 1 (everybody right).")
            .Resolve(c => c.Source.MeanScore);
    }
}
