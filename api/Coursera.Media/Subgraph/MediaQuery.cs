using Coursera.Media.Assets;
using Coursera.Media.Model;
using Coursera.Media.Playback;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Connections;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Media.Subgraph;

public sealed class MediaQuery : ObjectGraphType
{
    public MediaQuery()
    {
        Name = "Query";
        Field<AssetType>("asset")
            .Description("One of a partner's videos (its staff and API clients with catalog:write); null for anyone else.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.Service<AssetDirectory>().FindAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken));
        Field<NonNullGraphType<ConnectionGraphType<AssetType, Asset>>>("assets")
            .Description("A partner's videos, newest first (its staff and API clients with catalog:write).")
            .Argument<NonNullGraphType<IdGraphType>>("partnerId")
            .Argument<AssetStateType>("state")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await c.Service<AssetDirectory>().OfPartnerAsync(c.GetArgument<string>("partnerId"), c.GetArgument<AssetState?>("state"),
                PageRequest.From(c), c.Caller(), c.CancellationToken));
        Field<PlaybackType>("playback")
            .Description("Signed URLs to watch a lecture: the same as Item.playback.")
            .Argument<NonNullGraphType<IdGraphType>>("itemId")
            .ResolveAsync(async c => await c.Service<Playbacks>().ForItemAsync(Ids.Parse(c.GetArgument<string>("itemId"), "itemId"), c.Caller(),
                c.Service<MediaLoaders>(), c.CancellationToken));
    }
}
