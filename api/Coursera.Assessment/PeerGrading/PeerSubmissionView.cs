using Coursera.Assessment.Model;

namespace Coursera.Assessment.PeerGrading;

/// <summary>Peer-graded work as the course's staff see it in their queue: the work and the reviews it has.</summary>
public sealed record PeerSubmissionView(Attempt Attempt, string Text, IReadOnlyList<PeerReview> Reviews);
