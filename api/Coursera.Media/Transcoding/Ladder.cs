namespace Coursera.Media.Transcoding;

/// <summary>
/// The renditions made of a source: the configured heights up to the source's (never upscaled), or the source's own
/// height when it is smaller than all of them. Widths keep the source's aspect ratio and, like heights, are even
/// (H.264 in 4:2:0 needs it).
/// </summary>
public static class Ladder
{
    public sealed record Rung(string Name, int Width, int Height, int VideoBitrate);

    public static IReadOnlyList<Rung> For(int sourceWidth, int sourceHeight, IEnumerable<int> heights)
    {
        ArgumentNullException.ThrowIfNull(heights);
        var fitting = heights.Where(h => h > 0 && h <= sourceHeight).Distinct().Order().ToList();
        if (fitting.Count == 0)
        {
            fitting.Add(Even(sourceHeight));
        }

        return [.. fitting.Select(h => new Rung($"{h}p", Even((int)Math.Round(sourceWidth * (double)h / sourceHeight)), Even(h), BitrateFor(h)))];
    }

    /// <summary>Bits per second for H.264 at a height: about what the common public ladders use for lectures.</summary>
    public static int BitrateFor(int height) => height switch
    {
        <= 240 => 400_000,
        <= 360 => 800_000,
        <= 480 => 1_400_000,
        <= 720 => 2_500_000,
        _ => 5_000_000,
    };

    private static int Even(int value) => Math.Max(2, value - (value % 2));
}
