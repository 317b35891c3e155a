namespace Coursera.Assessment.Model;

/// <summary>
/// What an assessment asks of the learner, from the kind of the catalog's item it is attached to: questions graded
/// on submit, files graded by a grader program, or work graded by peers against a rubric.
/// </summary>
public enum AssessmentKind
{
    Quiz,
    Assignment,
    PeerReview,
}

public static class AssessmentKinds
{
    /// <summary>The assessment kind of a catalog item kind (<c>QUIZ</c>, <c>ASSIGNMENT</c>, <c>PEER_REVIEW</c>); null for the others.</summary>
    public static AssessmentKind? ForItem(string itemKind) => itemKind switch
    {
        "QUIZ" => AssessmentKind.Quiz,
        "ASSIGNMENT" => AssessmentKind.Assignment,
        "PEER_REVIEW" => AssessmentKind.PeerReview,
        _ => null,
    };
}
