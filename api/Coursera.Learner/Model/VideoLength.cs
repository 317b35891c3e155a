namespace Coursera.Learner.Model;

/// <summary>How long a READY media asset plays, from the media service's <c>media.asset.ready</c>: lectures are complete when most of it is watched.</summary>
public sealed class VideoLength
{
    public Guid AssetId { get; set; }

    public double DurationSeconds { get; set; }
}
