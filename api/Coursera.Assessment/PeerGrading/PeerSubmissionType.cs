using Coursera.Assessment.Attempts;
using GraphQL.Types;

namespace Coursera.Assessment.PeerGrading;

/// <summary>Peer-graded work as the course's staff see it (their queue, their reviews).</summary>
public sealed class PeerSubmissionType : ObjectGraphType<PeerSubmissionView>
{
    public PeerSubmissionType()
    {
        Name = "PeerSubmission";
        Field<NonNullGraphType<IdGraphType>>("attemptId").Resolve(c => c.Source.Attempt.Id);
        Field<NonNullGraphType<AttemptStateType>>("state").Resolve(c => c.Source.Attempt.State);
        Field<DateTimeGraphType>("submittedAt").Resolve(c => c.Source.Attempt.SubmittedAt);
        Field<NonNullGraphType<StringGraphType>>("text").Resolve(c => c.Source.Text);
        Field<FloatGraphType>("score").Resolve(c => c.Source.Attempt.Score);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReceivedPeerReviewType>>>>("reviews").Resolve(c => c.Source.Reviews);
    }
}
