namespace Coursera.Media.Storage;

/// <summary>The media types of what transcoding makes, by file extension, for the storage (and so the CDN) to serve.</summary>
public static class ContentTypes
{
    public static string Of(string path) => Path.GetExtension(path) switch
    {
        ".m3u8" => "application/vnd.apple.mpegurl",
        ".mpd" => "application/dash+xml",
        ".m4s" => "video/iso.segment",
        ".mp4" => "video/mp4",
        ".vtt" => "text/vtt",
        ".jpg" => "image/jpeg",
        _ => "application/octet-stream",
    };
}
