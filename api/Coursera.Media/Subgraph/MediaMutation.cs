using Coursera.Media.Captions;
using Coursera.Media.Uploads;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Media.Subgraph;

/// <summary>Uploading videos and their captions: <c>verbNoun(input): VerbNounPayload!</c>.</summary>
public sealed class MediaMutation : ObjectGraphType
{
    public MediaMutation()
    {
        Name = "Mutation";
        this.Mutation<CreateUploadPayloadType, CreateUploadInput, Uploads.Uploads>("createUpload",
            "Creates an UPLOADING video of the partner and returns where to send its bytes (straight to the storage); then call completeUpload (the partner's staff and API clients with catalog:write).",
            async (s, i, c, ct) => await s.CreateAsync(i, c, ct));
        this.Mutation<CompleteUploadPayloadType, CompleteUploadInput, Uploads.Uploads>("completeUpload",
            "Finishes the upload: the video is PROCESSING (checked with ffprobe, then transcoded; follow asset.processing.progress) and READY when done.",
            async (s, i, c, ct) => await s.CompleteAsync(i, c, ct));
        this.Mutation<UploadCaptionPayloadType, UploadCaptionInput, CaptionUploads>("uploadCaption",
            "Adds or replaces a video's WebVTT captions in one language; both manifests name them.",
            async (s, i, c, ct) => await s.UploadAsync(i, c, ct));
    }
}
