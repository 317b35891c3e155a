using Coursera.Assessment.Model;

namespace Coursera.Assessment.PeerGrading;

/// <summary>A review handed to a reviewer: the work to review and the rubric, never whose work it is.</summary>
public sealed record PeerReviewTask(PeerReview Review, string Text, IReadOnlyList<SubmittedFile> Files, PeerReviewSetup Setup);
