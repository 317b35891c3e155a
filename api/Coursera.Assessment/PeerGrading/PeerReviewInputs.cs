using System.ComponentModel;
using GraphQL;

namespace Coursera.Assessment.PeerGrading;

public sealed class RequestPeerReviewInput
{
    [Id, Description("A PEER_REVIEW item you have submitted work for.")]
    public required string ItemId { get; set; }
}

public sealed class SubmitPeerReviewInput
{
    [Id] public required string ReviewId { get; set; }

    [Description("One level's points for each rubric criterion.")]
    public List<CriterionScoreInput> Scores { get; set; } = [];

    [Description("What the learner should hear; at most 5000 characters.")]
    public string? Comment { get; set; }
}

public sealed class ReviewSubmissionInput
{
    [Id, Description("A peer-graded submission (an attempt) of one of your courses.")]
    public required string AttemptId { get; set; }

    public List<CriterionScoreInput> Scores { get; set; } = [];

    public string? Comment { get; set; }
}

public sealed class CriterionScoreInput
{
    public required string CriterionId { get; set; }

    public double Points { get; set; }
}
