using Coursera.Media.Playback;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Media.Subgraph;

/// <summary>The catalog's item: this subgraph adds the signed URLs to play a lecture's video.</summary>
public sealed class ItemPlaybackFieldsType : ObjectGraphType<ItemReference>
{
    public ItemPlaybackFieldsType()
    {
        Name = "Item";
        this.Key("id");
        this.ResolveReference<IdReference, ItemReference>((_, reference) => new ItemReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<PlaybackType>("playback")
            .Description("Signed URLs to watch a lecture whose video is READY: for learners enrolled in the course (any track), the partner's staff and its API clients with media:playback. Null when the item plays nothing; UNAUTHENTICATED or FORBIDDEN for others.")
            .ResolveAsync(async c => await c.Service<Playbacks>().ForItemAsync(c.Source.Id, c.Caller(), c.Service<MediaLoaders>(), c.CancellationToken));
    }
}
