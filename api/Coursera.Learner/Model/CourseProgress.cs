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
/// Where a learner is in one item, and how far into its video. <see cref="Level"/> only rises (1 started, 2
/// completed; written with the store's atomic max), so a late STARTED never undoes a completion.
/// </summary>
public sealed class ItemProgress
{
    public const int StartedLevel = 1;
    public const int CompletedLevel = 2;

    public int Level { get; set; }
    public double PositionSeconds { get; set; }
    public DateTime UpdatedAt { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsCompleted => Level >= CompletedLevel;

    [System.Text.Json.Serialization.JsonIgnore]
    public string State => IsCompleted ? "COMPLETED" : "STARTED";
}
