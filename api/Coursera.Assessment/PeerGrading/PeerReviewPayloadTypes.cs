using Coursera.Subgraphs.UserErrors;

namespace Coursera.Assessment.PeerGrading;

public sealed class RequestPeerReviewPayloadType() : MutationPayloadType<PeerReviewTaskType, PeerReviewTask>("RequestPeerReviewPayload", "review");

public sealed class SubmitPeerReviewPayloadType() : MutationPayloadType<PeerReviewTaskType, PeerReviewTask>("SubmitPeerReviewPayload", "review");

public sealed class ReviewSubmissionPayloadType() : MutationPayloadType<PeerSubmissionType, PeerSubmissionView>("ReviewSubmissionPayload", "submission");
