using Coursera.Assessment.Model;
using Coursera.Assessment.Programming;
using GraphQL.Types;

namespace Coursera.Assessment.PeerGrading;

/// <summary>A review handed to the signed-in learner: the work and the rubric, never whose work it is.</summary>
public sealed class PeerReviewTaskType : ObjectGraphType<PeerReviewTask>
{
    public PeerReviewTaskType()
    {
        Name = "PeerReviewTask";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Review.Id);
        Field<NonNullGraphType<PeerReviewStateType>>("state").Resolve(c => c.Source.Review.State);
        Field<NonNullGraphType<DateTimeGraphType>>("assignedAt").Resolve(c => c.Source.Review.AssignedAt);
        Field<NonNullGraphType<DateTimeGraphType>>("expiresAt").Description("When the review goes to someone else if not completed.")
            .Resolve(c => c.Source.Review.ExpiresAt);
        Field<DateTimeGraphType>("completedAt").Resolve(c => c.Source.Review.CompletedAt);
        Field<NonNullGraphType<StringGraphType>>("text").Description("The work to review.").Resolve(c => c.Source.Text);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SubmittedFileType>>>>("files").Resolve(c => c.Source.Files);
        Field<NonNullGraphType<StringGraphType>>("instructions").Resolve(c => c.Source.Setup.Instructions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RubricCriterionType>>>>("rubric").Resolve(c => c.Source.Setup.Rubric);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CriterionScoreType>>>>("scores").Description("The points given, once completed.")
            .Resolve(c => c.Source.Review.Scores);
        Field<StringGraphType>("comment").Resolve(c => c.Source.Review.Comment);
    }
}

public sealed class PeerReviewStateType : EnumerationGraphType<PeerReviewState>
{
    public PeerReviewStateType() => Name = "PeerReviewState";
}

/// <summary>The points a review gives on one rubric criterion.</summary>
public sealed class CriterionScoreType : ObjectGraphType<KeyValuePair<string, double>>
{
    public CriterionScoreType()
    {
        Name = "CriterionScore";
        Field<NonNullGraphType<StringGraphType>>("criterionId").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<FloatGraphType>>("points").Resolve(c => c.Source.Value);
    }
}
