using GraphQL.Types;

namespace Coursera.Media.Subgraph;

/// <summary>The media subgraph: partners' videos (upload, transcoding, captions) and the signed URLs that play them; it adds <c>playback</c> to the catalog's <c>Item</c>.</summary>
public sealed class MediaSchema : Schema
{
    public MediaSchema(IServiceProvider services, MediaQuery query, MediaMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;

        // Reached only through _entities: registered so the gateway can resolve it here.
        RegisterType(typeof(ItemPlaybackFieldsType));
    }
}
