using GraphQL.Types;

namespace Coursera.Assessment.PeerGrading;

public sealed class ViewerPeerReviewType : ObjectGraphType<ViewerPeerReview>
{
    public ViewerPeerReviewType()
    {
        Name = "ViewerPeerReview";
        Description = "The signed-in learner's part in reviewing others' work: their own grade shows once it is done.";
        Field<NonNullGraphType<IntGraphType>>("reviewsGiven").Resolve(c => c.Source.ReviewsGiven);
        Field<NonNullGraphType<IntGraphType>>("reviewsToGive").Resolve(c => c.Source.ReviewsToGive);
        Field<PeerReviewTaskType>("openReview").Description("The review handed to them and not completed yet.").Resolve(c => c.Source.OpenReview);
    }
}
