using GraphQL.Types;

namespace Coursera.Media.Playback;

public sealed class PlaybackType : ObjectGraphType<Playback>
{
    public PlaybackType()
    {
        Name = "Playback";
        Description = "Signed URLs to play a video, covering its manifests, every segment, its captions and poster until expiresAt.";
        Field<NonNullGraphType<StringGraphType>>("hlsUrl").Description("The HLS master playlist (hls.js, Safari, AVPlayer).").Resolve(c => c.Source.HlsUrl.AbsoluteUri);
        Field<NonNullGraphType<StringGraphType>>("dashUrl").Description("The MPEG-DASH manifest (Shaka, dash.js, ExoPlayer).").Resolve(c => c.Source.DashUrl.AbsoluteUri);
        Field<NonNullGraphType<DateTimeGraphType>>("expiresAt").Resolve(c => c.Source.ExpiresAt.UtcDateTime);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlaybackCaptionType>>>>("captions").Resolve(c => c.Source.Captions);
        Field<NonNullGraphType<StringGraphType>>("posterUrl").Resolve(c => c.Source.PosterUrl.AbsoluteUri);
        Field<NonNullGraphType<StringGraphType>>("signedQuery")
            .Description("A query string the player must add to every request (segments too), for CDNs whose signature travels there; empty when the URLs' paths or the cookies carry it.")
            .Resolve(c => c.Source.SignedQuery);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlaybackCookieType>>>>("cookies")
            .Description("Cookies the browser must hold for the CDN's domain (signed-cookie CDNs); empty otherwise.").Resolve(c => c.Source.Cookies);
    }
}

public sealed class PlaybackCaptionType : ObjectGraphType<PlaybackCaption>
{
    public PlaybackCaptionType()
    {
        Name = "PlaybackCaption";
        Field<NonNullGraphType<StringGraphType>>("language").Resolve(c => c.Source.Language);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<StringGraphType>>("url").Description("The WebVTT file.").Resolve(c => c.Source.Url.AbsoluteUri);
    }
}

public sealed class PlaybackCookieType : ObjectGraphType<SignedCookie>
{
    public PlaybackCookieType()
    {
        Name = "PlaybackCookie";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("value").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<StringGraphType>>("domain").Resolve(c => c.Source.Domain);
        Field<NonNullGraphType<StringGraphType>>("path").Resolve(c => c.Source.Path);
        Field<NonNullGraphType<DateTimeGraphType>>("expiresAt").Resolve(c => c.Source.ExpiresAt.UtcDateTime);
    }
}
