using GraphQL;

namespace Coursera.Learner.Progress;

/// <summary>What the learner's client reports about an item.</summary>
public enum ProgressEvent
{
    Started,
    Completed,

    /// <summary>How far into the item's video the learner is (<c>positionSeconds</c>).</summary>
    VideoPosition,
}

public sealed class RecordProgressInput
{
    [Id] public required string ItemId { get; set; }
    public ProgressEvent Event { get; set; }
    public double? PositionSeconds { get; set; }
}
