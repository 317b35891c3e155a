namespace Coursera.Assessment.PeerGrading;

/// <summary>A learner's part in reviewing others' work at one assessment.</summary>
public sealed record ViewerPeerReview(int ReviewsGiven, int ReviewsToGive, PeerReviewTask? OpenReview);
