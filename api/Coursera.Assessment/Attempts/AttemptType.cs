using Coursera.Assessment.Model;
using Coursera.Assessment.PeerGrading;
using Coursera.Assessment.Programming;
using Coursera.Subgraphs;
using GraphQL.Types;

namespace Coursera.Assessment.Attempts;

/// <summary>An attempt with its questions, for the learner who makes it: never an answer key before the policy allows.</summary>
public sealed class AttemptType : ObjectGraphType<AttemptView>
{
    public AttemptType()
    {
        Name = "Attempt";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Attempt.Id);
        Field<NonNullGraphType<IntGraphType>>("number").Resolve(c => c.Source.Attempt.Number);
        Field<NonNullGraphType<AttemptStateType>>("state").Resolve(c => c.Source.Attempt.State);
        Field<NonNullGraphType<DateTimeGraphType>>("startedAt").Resolve(c => c.Source.Attempt.StartedAt);
        Field<DateTimeGraphType>("dueAt").Description("When the time limit runs out; answers saved later are refused.").Resolve(c => c.Source.Attempt.DueAt);
        Field<DateTimeGraphType>("submittedAt").Resolve(c => c.Source.Attempt.SubmittedAt);
        Field<FloatGraphType>("score").Description("0 to 1, once graded.").Resolve(c => c.Source.Attempt.Score);
        Field<BooleanGraphType>("passed").Resolve(c => c.Source.Attempt.Passed);
        Field<FloatGraphType>("latePenalty").Description("The share of the score removed because it came after the deadline (0 when on time).")
            .Resolve(c => c.Source.Attempt.LatePenalty);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AttemptQuestionType>>>>("questions").Resolve(c => c.Source.Questions);
        Field<StringGraphType>("feedback").Description("What the grader program said of a programming submission.").Resolve(c => c.Source.Attempt.Feedback);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SubmittedFileType>>>>("files").Description("The files submitted.")
            .Resolve(c => c.Source.Content.Files);
        Field<StringGraphType>("text").Description("Peer-graded work as submitted.").Resolve(c => c.Source.Content.Text);
        Field<DateTimeGraphType>("honourCodeAcceptedAt").Description("When the honour code was accepted with peer-graded work.")
            .Resolve(c => c.Source.Content.Attestation?.AcceptedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReceivedPeerReviewType>>>>("peerReviews")
            .Description("The reviews peer-graded work received, once it is graded (and so once its learner has given their own reviews).")
            .ResolveAsync(async c => c.Source.Attempt.State == AttemptState.Graded && c.Source.Version.PeerReview is not null
                ? await c.Service<PeerReviewing>().ReceivedAsync(c.Source.Attempt.Id, c.CancellationToken)
                : []);
    }
}
