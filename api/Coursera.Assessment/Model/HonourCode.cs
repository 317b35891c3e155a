namespace Coursera.Assessment.Model;

/// <summary>
/// The honour code a learner accepts when submitting work for peer review. A submission records the version it was
/// accepted in and when, so a changed text never rewrites what an earlier learner agreed to: a new text gets the next
/// number.
/// </summary>
public static class HonourCode
{
    public const int Version = 1;

    public const string Text =
        "I will submit only my own work, I will not share answers or solutions with others, and I will review my peers' " +
        "work honestly and respectfully.";
}

/// <summary>The honour code as a learner accepted it with a submission.</summary>
public sealed record Attestation(int Version, string Text, DateTime AcceptedAt);
