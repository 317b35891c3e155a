namespace Coursera.Learner.Model;

/// <summary>
/// A learner's progress in one enrollment, kept in the document store (collection <c>progress</c>, id = the
/// enrollment's id): a small, frequently written document per enrollment, keyed by item.
/// </summary>
public sealed class CourseProgress
{
    public Guid EnrollmentId { get; set; }
    public Guid LearnerId { get; set; }
    public Guid CourseId { get; set; }
    public Dictionary<string, ItemProgress> Items { get; set; } = [];
    public DateTime? LastActivityAt { get; set; }

    public ItemProgress? For(Guid itemId) => Items.GetValueOrDefault(itemId.ToString());
}

/// <summary>
/// Where a learner is in one item, how far into its video, and their best grade. <see cref="Level"/> only rises (1
/// started, 2 completed, 3 passed: a passing grade from the assessment service; written with the store's atomic max),
/// so a late STARTED never undoes a completion, nor a later failed attempt a pass.
/// </summary>
public sealed class ItemProgress
{
    public const int StartedLevel = 1;
    public const int CompletedLevel = 2;
    public const int PassedLevel = 3;

    public int Level { get; set; }
    public double PositionSeconds { get; set; }

    /// <summary>The best score of the learner's graded attempts, 0 to 1; null before the first grade.</summary>
    public double? BestScore { get; set; }
    public DateTime UpdatedAt { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsCompleted => Level >= CompletedLevel;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsPassed => Level >= PassedLevel;

    [System.Text.Json.Serialization.JsonIgnore]
    public string State => Level switch
    {
        >= PassedLevel => "PASSED",
        >= CompletedLevel => "COMPLETED",
        _ => "STARTED",
    };
}
