using Coursera.Media.Assets;
using Coursera.Media.Model;
using Coursera.Media.Storage;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Media.Uploads;

public sealed class UploadType : ObjectGraphType<StartedUpload>
{
    public UploadType()
    {
        Name = "Upload";
        Description = "Where to send a video's source: PUT each part's bytes to its URL, in order, then call completeUpload.";
        Field<NonNullGraphType<AssetType>>("asset").Resolve(c => c.Source.Asset);
        Field<NonNullGraphType<LongGraphType>>("partSizeBytes").Description("Every part is this long but the last.").Resolve(c => c.Source.Target.PartSizeBytes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UploadPartType>>>>("parts").Resolve(c => c.Source.Target.Parts);
        Field<NonNullGraphType<DateTimeGraphType>>("expiresAt").Description("The URLs stop working then.").Resolve(c => c.Source.ExpiresAt);
    }
}

public sealed class UploadPartType : ObjectGraphType<UploadPart>
{
    public UploadPartType()
    {
        Name = "UploadPart";
        Field<NonNullGraphType<IntGraphType>>("partNumber").Resolve(c => c.Source.PartNumber);
        Field<NonNullGraphType<StringGraphType>>("url").Resolve(c => c.Source.Url.AbsoluteUri);
        Field<NonNullGraphType<StringGraphType>>("method").Resolve(c => c.Source.Method);
    }
}

public sealed class CreateUploadPayloadType() : MutationPayloadType<UploadType, StartedUpload>("CreateUploadPayload", "upload");

public sealed class CompleteUploadPayloadType() : MutationPayloadType<AssetType, Asset>("CompleteUploadPayload", "asset");
