using System.ComponentModel;
using GraphQL;

namespace Coursera.Media.Captions;

public sealed class UploadCaptionInput
{
    [Id] public required string AssetId { get; set; }

    [Description("A BCP 47 tag (en, pt-BR); a track in the same language is replaced.")]
    public required string Language { get; set; }

    [Description("What players show in their captions menu: 1 to 50 characters.")]
    public required string Label { get; set; }

    [Description("The WebVTT file's text (starting with WEBVTT), at most 1 MB.")]
    public required string WebVtt { get; set; }
}

public sealed class UploadCaptionPayloadType() : Coursera.Subgraphs.UserErrors.MutationPayloadType<Assets.AssetType, Model.Asset>("UploadCaptionPayload", "asset");
