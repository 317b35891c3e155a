namespace Coursera.Catalog.Model;

/// <summary>One thing to do in a module: watch, read, take a quiz, submit, review.</summary>
public sealed class Item
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ModuleId { get; set; }
    public int Position { get; set; }
    public ItemKind Kind { get; set; }
    public required string Title { get; set; }
    public int DurationMinutes { get; set; }

    /// <summary>The media asset played by a lecture; only lectures have one.</summary>
    public string? VideoAssetId { get; set; }

    /// <summary>Required items count towards completion.</summary>
    public bool Required { get; set; } = true;

    /// <summary>
    /// A graded item (a quiz, assignment or peer review; a practice quiz is not) is graded by the assessment service:
    /// the learner completes it with a passing grade, not by saying they are done.
    /// </summary>
    public bool Graded { get; set; }

    public static bool CanBeGraded(ItemKind kind) => kind is ItemKind.Quiz or ItemKind.Assignment or ItemKind.PeerReview;
}
