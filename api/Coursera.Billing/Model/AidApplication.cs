namespace Coursera.Billing.Model;

/// <summary>
/// A learner's request for financial aid for one course (Coursera's: two answers of at least 150 words, reviewed by
/// staff); an approval is a PAID entitlement for <see cref="AidApplication.AccessDays"/> days, free.
/// </summary>
public sealed class AidApplication
{
    public const int MinimumWords = 150;
    public const int AccessDays = 180;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid LearnerId { get; init; }

    public required Guid CourseId { get; init; }

    public required Guid PartnerId { get; init; }

    /// <summary>Why the learner needs aid.</summary>
    public required string Reasons { get; init; }

    /// <summary>How the course will help them.</summary>
    public required string Goals { get; init; }

    public AidState State { get; set; } = AidState.Pending;

    public DateTime SubmittedAt { get; init; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>Who decided (a platform administrator or one of the partner's administrators) and why.</summary>
    public string? DecidedBy { get; set; }

    public string? Note { get; set; }

    /// <summary>The end of the free access an approval gives.</summary>
    public DateTime? AccessEndsAt { get; set; }

    public Guid EntitlementId { get; init; } = Guid.CreateVersion7();

    /// <summary>Words, as a reviewer counts them: runs of letters or digits.</summary>
    public static int Words(string text) =>
        System.Text.RegularExpressions.Regex.Count(text ?? "", @"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*");
}

public enum AidState
{
    Pending,
    Approved,
    Denied,

    /// <summary>Closed without a decision: the learner started a free trial of a subscription that covers the course.</summary>
    Withdrawn,

    /// <summary>Approved, and its days of the PAID track are over.</summary>
    Expired,
}
