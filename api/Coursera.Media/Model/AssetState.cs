namespace Coursera.Media.Model;

/// <summary>Where an asset is on its way from upload to playback.</summary>
public enum AssetState
{
    /// <summary>Created: the client is sending the source to the storage.</summary>
    Uploading,

    /// <summary>The source is complete: it is being checked and transcoded into the ladder.</summary>
    Processing,

    /// <summary>The ladder, manifests and poster are stored: lectures may play it.</summary>
    Ready,

    /// <summary>The source was not a playable video, or transcoding failed on every try.</summary>
    Failed,
}
