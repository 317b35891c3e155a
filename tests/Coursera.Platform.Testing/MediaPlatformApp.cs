using System.Security.Cryptography;

namespace Coursera.Platform.Testing;

/// <summary>
/// The all-in-one host with its videos in a folder the reference edge serves, and the edge in front of them with
/// the key the host signs playback URLs with: what <c>./run.sh</c> starts for media. The sample lectures play the
/// sample videos (transcoded a few seconds after start).
/// </summary>
public sealed class MediaPlatformApp : PlatformApp
{
    public const string KeyId = "test1";

    public MediaPlatformApp()
    {
        Settings["Media:Storage:LocalPath"] = StoragePath;
        Settings["Media:Playback:Keys:0:Id"] = KeyId;
        Settings["Media:Playback:Keys:0:Secret"] = KeySecret;
        Settings["Media:Transcoding:Preset"] = "ultrafast";
        Settings["SampleVideos:Enabled"] = "true";
        Edge = new ReferenceEdge(StoragePath, $"{KeyId}:{KeySecret}");
        Settings["Media:Playback:BaseUrl"] = Edge.BaseUrl.AbsoluteUri;
    }

    public string StoragePath { get; } = ReferenceEdge.ReadableFolder();

    public string KeySecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public ReferenceEdge Edge { get; }

    public override async Task InitializeAsync()
    {
        await Edge.StartAsync();
        try
        {
            await base.InitializeAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: the edge must not outlive it.
            await Edge.DisposeAsync();
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Edge.DisposeAsync();
        if (Directory.Exists(StoragePath))
        {
            Directory.Delete(StoragePath, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
