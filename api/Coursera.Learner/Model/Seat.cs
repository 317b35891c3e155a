namespace Coursera.Learner.Model;

/// <summary>A learner's seat in a licence: taken by their first ENTERPRISE enrollment under it, given back when no program it covers has them any more.</summary>
public sealed class Seat
{
    public required Guid LicenceId { get; init; }

    public required Guid LearnerId { get; init; }

    public DateTime TakenAt { get; set; }

    public DateTime? ReleasedAt { get; set; }
}
