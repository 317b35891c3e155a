using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.PeerGrading;

/// <summary>Peer-graded work's rubric and review rules, and the honour code accepted on submitting.</summary>
public sealed class PeerReviewSetupType : ObjectGraphType<PeerReviewSetup>
{
    public PeerReviewSetupType()
    {
        Name = "PeerReviewSetup";
        Field<NonNullGraphType<StringGraphType>>("instructions").Resolve(c => c.Source.Instructions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RubricCriterionType>>>>("rubric").Resolve(c => c.Source.Rubric);
        Field<NonNullGraphType<IntGraphType>>("reviewsRequired").Description("Reviews that grade a submission (the median per criterion).")
            .Resolve(c => c.Source.ReviewsRequired);
        Field<NonNullGraphType<IntGraphType>>("reviewsToGive").Description("Reviews each learner gives before seeing their own grade.")
            .Resolve(c => c.Source.ReviewsToGive);
        Field<NonNullGraphType<FloatGraphType>>("relaxAfterHours")
            .Description("After this long, a submission is graded with the reviews it has; one with none goes to the course's staff.")
            .Resolve(c => c.Source.RelaxAfterHours);
        Field<NonNullGraphType<FloatGraphType>>("reviewHours").Description("How long a reviewer has for a review handed to them.")
            .Resolve(c => c.Source.ReviewHours);
        Field<NonNullGraphType<HonourCodeType>>("honourCode").Resolve(_ => HonourCode.Version);
    }
}

/// <summary>The honour code's current text; a submission accepts it by its version.</summary>
public sealed class HonourCodeType : ObjectGraphType<int>
{
    public HonourCodeType()
    {
        Name = "HonourCode";
        Field<NonNullGraphType<IntGraphType>>("version").Resolve(c => c.Source);
        Field<NonNullGraphType<StringGraphType>>("text").Resolve(_ => HonourCode.Text);
    }
}
