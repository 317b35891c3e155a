namespace Coursera.Assessment.Model;

public enum AttemptState
{
    InProgress,
    Graded,

    /// <summary>A programming submission waiting for, or in the hands of, a grading worker.</summary>
    Grading,

    /// <summary>Peer-graded work waiting for its reviews (or for its learner's own reviews of others).</summary>
    InReview,

    /// <summary>No worker could grade the submission: it does not count against the learner's attempts.</summary>
    GradingFailed,
}
