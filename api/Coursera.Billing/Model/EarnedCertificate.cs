namespace Coursera.Billing.Model;

/// <summary>A certificate the learner service issued (its events): a purchase whose certificate was earned is not refunded automatically.</summary>
public sealed class EarnedCertificate
{
    public required Guid LearnerId { get; init; }

    public required Guid CourseId { get; init; }

    public DateTime IssuedAt { get; init; }
}
