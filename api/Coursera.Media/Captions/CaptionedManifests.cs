using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Coursera.Media.Model;

namespace Coursera.Media.Captions;

/// <summary>
/// Adds an asset's WebVTT captions to the manifests ffmpeg wrote: in the HLS master a SUBTITLES group (one media
/// playlist per language holding the whole file as one segment) that every variant names, in the DASH MPD a
/// <c>text/vtt</c> adaptation set per language. Always made from ffmpeg's originals, so adding or replacing a language
/// gives the same result as having had it from the start.
/// </summary>
public static class CaptionedManifests
{
    private const string Group = "subs";
    private static readonly XNamespace Dash = "urn:mpeg:dash:schema:mpd:2011";

    public static string HlsMaster(string original, IReadOnlyList<Caption> captions)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(captions);
        if (captions.Count == 0)
        {
            return original;
        }

        var output = new StringBuilder();
        var introduced = false;
        foreach (var line in original.Split('\n'))
        {
            if (!introduced && line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            {
                foreach (var caption in captions)
                {
                    output.Append(CultureInfo.InvariantCulture,
                        $"#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"{Group}\",NAME=\"{Quoted(caption.Label)}\",LANGUAGE=\"{caption.Language}\",DEFAULT=NO,AUTOSELECT=YES,URI=\"{PlaylistOf(caption.Language)}\"\n");
                }

                introduced = true;
            }

            output.Append(line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal) ? $"{line},SUBTITLES=\"{Group}\"" : line).Append('\n');
        }

        return output.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>The media playlist of one language: its whole WebVTT file as one segment.</summary>
    public static string HlsSubtitles(Caption caption, double durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(caption);
        var seconds = Math.Ceiling(durationSeconds).ToString(CultureInfo.InvariantCulture);
        return $"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:{seconds}\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n"
            + $"#EXTINF:{durationSeconds.ToString("0.000", CultureInfo.InvariantCulture)},\n{caption.Language}.vtt\n#EXT-X-ENDLIST\n";
    }

    public static string DashManifest(string original, IReadOnlyList<Caption> captions)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(captions);
        if (captions.Count == 0)
        {
            return original;
        }

        var mpd = XDocument.Parse(original);
        var period = mpd.Root!.Element(Dash + "Period") ?? throw new FormatException("The MPD has no Period.");
        var next = period.Elements(Dash + "AdaptationSet").Count();
        foreach (var caption in captions)
        {
            period.Add(new XElement(Dash + "AdaptationSet",
                new XAttribute("id", next++), new XAttribute("contentType", "text"), new XAttribute("mimeType", "text/vtt"),
                new XAttribute("lang", caption.Language),
                new XElement(Dash + "Role", new XAttribute("schemeIdUri", "urn:mpeg:dash:role:2011"), new XAttribute("value", "subtitle")),
                new XElement(Dash + "Label", caption.Label),
                new XElement(Dash + "Representation", new XAttribute("id", $"caption_{caption.Language}"), new XAttribute("bandwidth", 256),
                    new XElement(Dash + "BaseURL", FileOf(caption.Language)))));
        }

        return mpd.Declaration + "\n" + mpd.ToString();
    }

    /// <summary>Where a language's file is, relative to the manifests.</summary>
    public static string FileOf(string language) => $"captions/{language}.vtt";

    public static string PlaylistOf(string language) => $"captions/{language}.m3u8";

    private static string Quoted(string value) => value.Replace("\"", "'", StringComparison.Ordinal);
}
