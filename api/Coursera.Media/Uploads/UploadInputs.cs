using System.ComponentModel;
using GraphQL;

namespace Coursera.Media.Uploads;

public sealed class CreateUploadInput
{
    [Id, Description("The partner that owns the video (its lectures may play it).")]
    public required string PartnerId { get; set; }

    [Description("For the partner's staff: 1 to 200 characters.")]
    public required string Title { get; set; }

    [Description("The source's media type: video/mp4, video/quicktime, video/webm or video/x-matroska.")]
    public required string ContentType { get; set; }

    [Description("The source's exact size in bytes.")]
    public long SizeBytes { get; set; }
}

public sealed class CompleteUploadInput
{
    [Id] public required string AssetId { get; set; }
}
