namespace Coursera.Media.Model;

/// <summary>
/// A video a partner uploaded, and what was made of it: the ladder of renditions, the manifests (HLS and DASH over the
/// same CMAF segments), a poster and captions, all under <see cref="OutputPrefix"/> in the storage.
/// </summary>
public sealed class Asset
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public string Title { get; set; } = "";

    public AssetState State { get; set; }

    /// <summary>The media type the uploader declared.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>The size the uploader declared; the stored source must have it.</summary>
    public long SizeBytes { get; set; }

    /// <summary>The storage's multipart upload while <see cref="AssetState.Uploading"/> (S3), null for a local upload.</summary>
    public string? UploadId { get; set; }

    public double? DurationSeconds { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    public List<Rendition> Renditions { get; set; } = [];

    public List<Caption> Captions { get; set; } = [];

    /// <summary>Why the asset failed (shown to its partner), when it did.</summary>
    public string? Error { get; set; }

    /// <summary>Who created it: a user's or an API client's subject.</summary>
    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadyAt { get; set; }

    public string SourceKey => SourceKeyOf(Id);

    public string OutputPrefix => OutputPrefixOf(Id);

    public static string SourceKeyOf(Guid id) => $"assets/{id}/source";

    /// <summary>The folder the CDN serves: <c>{prefix}master.m3u8</c>, <c>{prefix}360p/seg_00001.m4s</c>.</summary>
    public static string OutputPrefixOf(Guid id) => $"assets/{id}/out/";
}
