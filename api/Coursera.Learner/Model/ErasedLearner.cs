namespace Coursera.Learner.Model;

/// <summary>
/// The tombstone of an erased learner: their id stays here, with nothing else about them, so that no later request
/// with a token issued before the erasure and no late event (a grade, a purchase, a bulk row) stores personal data
/// about them again.
/// </summary>
public sealed class ErasedLearner
{
    public required Guid LearnerId { get; init; }

    public DateTime ErasedAt { get; init; }
}
