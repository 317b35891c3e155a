using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.Gradebook;

/// <summary>A course grade with the reasoning behind it, line by line.</summary>
public sealed class CourseGradeType : ObjectGraphType<CourseGrading.Result>
{
    public CourseGradeType()
    {
        Name = "CourseGrade";
        Field<NonNullGraphType<FloatGraphType>>("score").Description("0 to 1: the weighted average of the graded items' kept grades.")
            .Resolve(c => c.Source.Score);
        Field<NonNullGraphType<BooleanGraphType>>("passed").Description("Every graded item is passed.").Resolve(c => c.Source.Passed);
        Field<NonNullGraphType<StringGraphType>>("rule").Description("How the grade is computed, in words.").Resolve(c => c.Source.Rule);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CourseGradeLineType>>>>("breakdown")
            .Description("Each graded item: its weight, its share of the grade, its kept grade and what it adds.").Resolve(c => c.Source.Lines);
    }
}

public sealed class CourseGradeLineType : ObjectGraphType<CourseGrading.Line>
{
    public CourseGradeLineType()
    {
        Name = "CourseGradeLine";
        Field<NonNullGraphType<IdGraphType>>("itemId").Resolve(c => c.Source.ItemId);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<FloatGraphType>>("weight").Resolve(c => c.Source.Weight);
        Field<NonNullGraphType<FloatGraphType>>("share").Description("The item's part of the course grade, 0 to 1.").Resolve(c => c.Source.Share);
        Field<FloatGraphType>("score").Description("The kept grade, 0 to 1; null until an attempt is graded.").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<BooleanGraphType>>("passed").Resolve(c => c.Source.Passed);
        Field<NonNullGraphType<FloatGraphType>>("contribution").Description("share × score: what the item adds to the course grade.")
            .Resolve(c => c.Source.Contribution);
        Field<NonNullGraphType<FloatGraphType>>("latePenalty")
            .Description("What late penalties took from the item's grade (0 to 1, in score's units): score is after it, and would have been score + latePenalty on time.")
            .Resolve(c => c.Source.LatePenalty);
        Field<StringGraphType>("group").Description("The grade group the item belongs to.").Resolve(c => c.Source.Group);
        Field<NonNullGraphType<BooleanGraphType>>("dropped").Description("One of its group's lowest grades, left out of the course grade (its share is 0).")
            .Resolve(c => c.Source.Dropped);
        Field<NonNullGraphType<BooleanGraphType>>("hasAssessment").Description("False while the item has no published assessment to attempt.")
            .Resolve(c => c.Source.HasAssessment);
    }
}
