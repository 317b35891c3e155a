using Coursera.Media.Model;
using Coursera.Media.Subgraph;
using Coursera.Subgraphs;
using GraphQL.Types;

namespace Coursera.Media.Assets;

public sealed class AssetStateType : EnumerationGraphType<AssetState>
{
    public AssetStateType() => Name = "AssetState";
}

public sealed class AssetType : ObjectGraphType<Asset>
{
    public AssetType()
    {
        Name = "Asset";
        Description = "A partner's video: UPLOADING until completeUpload, PROCESSING while it is checked and transcoded, READY to play (a ladder of H.264 renditions in CMAF segments, an HLS and a DASH manifest, a poster), or FAILED (see error).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("partnerId").Resolve(c => c.Source.PartnerId);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<AssetStateType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<StringGraphType>>("contentType").Resolve(c => c.Source.ContentType);
        Field<NonNullGraphType<LongGraphType>>("sizeBytes").Resolve(c => c.Source.SizeBytes);
        Field<FloatGraphType>("durationSeconds").Resolve(c => c.Source.DurationSeconds);
        Field<IntGraphType>("width").Description("The source's width as shown (rotation applied).").Resolve(c => c.Source.Width);
        Field<IntGraphType>("height").Resolve(c => c.Source.Height);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RenditionType>>>>("renditions").Description("The ladder, smallest first; never taller than the source.").Resolve(c => c.Source.Renditions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaptionType>>>>("captions").Resolve(c => c.Source.Captions);
        Field<TranscodingType>("processing").Description("The transcoding job, once the upload is complete.")
            .ResolveAsync(async c => await c.Service<MediaLoaders>().JobByAsset.Load(c.Source.Id).GetResultAsync(c.CancellationToken));
        Field<StringGraphType>("error").Description("Why the asset FAILED (INVALID_MEDIA: not a video; SIZE_MISMATCH; or ffmpeg's error).").Resolve(c => c.Source.Error);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeGraphType>("readyAt").Resolve(c => c.Source.ReadyAt);
        Field<Playback.PlaybackType>("playback").Description("Signed URLs to preview the READY video (whoever may read the asset may watch it).")
            .Resolve(c => c.Source.State == AssetState.Ready ? c.Service<Playback.Playbacks>().Issue(c.Source) : null);
    }
}

public sealed class RenditionType : ObjectGraphType<Rendition>
{
    public RenditionType()
    {
        Name = "Rendition";
        Field<NonNullGraphType<StringGraphType>>("name").Description("By height: 240p, 360p, 720p.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("width").Resolve(c => c.Source.Width);
        Field<NonNullGraphType<IntGraphType>>("height").Resolve(c => c.Source.Height);
        Field<NonNullGraphType<IntGraphType>>("bandwidth").Description("Peak bits per second, video and audio.").Resolve(c => c.Source.Bandwidth);
    }
}

public sealed class CaptionType : ObjectGraphType<Caption>
{
    public CaptionType()
    {
        Name = "Caption";
        Field<NonNullGraphType<StringGraphType>>("language").Description("A BCP 47 tag.").Resolve(c => c.Source.Language);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
    }
}

public sealed class TranscodeJobStateType : EnumerationGraphType<TranscodeJobState>
{
    public TranscodeJobStateType() => Name = "TranscodingState";
}

public sealed class TranscodingType : ObjectGraphType<TranscodeJob>
{
    public TranscodingType()
    {
        Name = "Transcoding";
        Field<NonNullGraphType<TranscodeJobStateType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<IntGraphType>>("progress").Description("Percent of the current try, 0 to 100.").Resolve(c => c.Source.Progress);
        Field<NonNullGraphType<IntGraphType>>("tries").Resolve(c => c.Source.Tries);
        Field<StringGraphType>("lastError").Description("Why the last try failed (it is tried again later).").Resolve(c => c.Source.LastError);
    }
}
