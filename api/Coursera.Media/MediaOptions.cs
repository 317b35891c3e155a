namespace Coursera.Media;

/// <summary>
/// The media service's settings, bound from the <c>Media</c> section (<c>MigrateOnStart</c> and <c>Seed</c> in the same
/// section are its store's).
/// </summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    public StorageSettings Storage { get; set; } = new();

    public UploadSettings Uploads { get; set; } = new();

    public TranscodingSettings Transcoding { get; set; } = new();

    public PlaybackSettings Playback { get; set; } = new();

    public sealed class StorageSettings
    {
        /// <summary><c>Local</c> (a folder; the all-in-one default) or <c>S3</c> (any S3-compatible endpoint).</summary>
        public string Kind { get; set; } = "Local";

        /// <summary>The folder of the local storage (relative to the content root).</summary>
        public string LocalPath { get; set; } = ".data/media";

        /// <summary>The service's public address, for the local storage's upload URLs (<c>http://127.0.0.1:5000</c>).</summary>
        public Uri? PublicBaseUrl { get; set; }

        public S3Settings S3 { get; set; } = new();
    }

    public sealed class S3Settings
    {
        /// <summary>An S3-compatible endpoint (<c>https://storage.googleapis.com</c>, MinIO, s3rver); AWS's own when empty.</summary>
        public Uri? ServiceUrl { get; set; }

        public string Region { get; set; } = "us-east-1";

        public string Bucket { get; set; } = "";

        public string AccessKey { get; set; } = "";

        public string SecretKey { get; set; } = "";

        /// <summary>Path-style addressing (<c>{endpoint}/{bucket}/{key}</c>), which most S3-compatible servers need.</summary>
        public bool ForcePathStyle { get; set; } = true;
    }

    public sealed class UploadSettings
    {
        /// <summary>The largest source file accepted.</summary>
        public long MaxBytes { get; set; } = 4L * 1024 * 1024 * 1024;

        /// <summary>The media types a source may declare.</summary>
        public List<string> ContentTypes { get; set; } = ["video/mp4", "video/quicktime", "video/webm", "video/x-matroska"];

        /// <summary>How long upload URLs stay valid.</summary>
        public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(2);
    }

    public sealed class TranscodingSettings
    {
        public string Ffmpeg { get; set; } = "ffmpeg";

        public string Ffprobe { get; set; } = "ffprobe";

        /// <summary>The heights of the ladder; a rendition taller than the source is left out (never upscaled).</summary>
        public List<int> Heights { get; set; } = [240, 360, 720];

        /// <summary>Target segment length in seconds (keyframes are forced on it, so every rendition cuts at the same times).</summary>
        public int SegmentSeconds { get; set; } = 4;

        /// <summary>x264's preset: speed against size.</summary>
        public string Preset { get; set; } = "veryfast";

        /// <summary>Leases a transcoding holds; a worker that dies lets the job go to another after this.</summary>
        public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>Tries before an asset is FAILED.</summary>
        public int Tries { get; set; } = 3;

        /// <summary>The pause before a failed try is retried (times the tries so far).</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How often an idle worker looks for work (it is also woken when an upload completes).</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Run the transcoding worker in this process (the all-in-one host); off for a service that only answers.</summary>
        public bool RunWorker { get; set; } = true;
    }

    public sealed class PlaybackSettings
    {
        /// <summary>How long a playback URL stays valid.</summary>
        public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(6);

        /// <summary>Which signer issues URLs: <c>edge</c> (our nginx edge), <c>cloudfront</c>, <c>cloudfront-cookies</c>, <c>google-cdn</c>, <c>google-cdn-cookies</c>, <c>akamai</c>.</summary>
        public string Signer { get; set; } = "edge";

        /// <summary>The CDN's address in front of the assets' folders: <c>{BaseUrl}/{assetId}/master.m3u8</c> before signing.</summary>
        public Uri BaseUrl { get; set; } = new("http://127.0.0.1:8088/");

        /// <summary>
        /// The signing keys, the current one first. During a rotation both the new and the old key are listed: URLs are
        /// signed with the first, and the CDN accepts either until the old one is removed.
        /// </summary>
        public List<SigningKey> Keys { get; set; } = [];
    }

    /// <summary>
    /// A named key: for the edge and Akamai a secret (base64 or hex as their settings say), for Cloud CDN the key's
    /// base64url value, for CloudFront the key pair's id and the RSA private key in PEM.
    /// </summary>
    public sealed class SigningKey
    {
        public string Id { get; set; } = "";

        public string Secret { get; set; } = "";
    }
}
