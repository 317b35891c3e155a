using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Coursera.Media.Transcoding;

/// <summary>What ffprobe found in a source: whether it is a video at all, and what the ladder is made from.</summary>
public sealed record MediaProbe(double DurationSeconds, int Width, int Height, bool HasAudio)
{
    /// <summary>
    /// Probes a local file; null when ffprobe finds no video stream with a size and a duration (not a video, or a
    /// broken one: the asset fails without a transcoding try).
    /// </summary>
    public static async Task<MediaProbe?> ReadAsync(string ffprobe, string path, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ffprobe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{ffprobe} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            return null;
        }

        using var json = JsonDocument.Parse(await output);
        var streams = json.RootElement.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(e => Text(e, "codec_type") == "video" && e.TryGetProperty("width", out _)
            && Text(e, "disposition.attached_pic") != "1");
        var duration = Number(json.RootElement, "format", "duration") ?? (video.ValueKind == JsonValueKind.Object ? Number(video, "duration") : null);
        if (video.ValueKind != JsonValueKind.Object || duration is not > 0)
        {
            return null;
        }

        var width = video.GetProperty("width").GetInt32();
        var height = video.GetProperty("height").GetInt32();

        // A phone's portrait video is stored landscape with a rotation: the ladder is made of what the viewer sees.
        if (Rotation(video) is 90 or 270)
        {
            (width, height) = (height, width);
        }

        return width > 0 && height > 0
            ? new MediaProbe(duration.Value, width, height, streams.Any(e => Text(e, "codec_type") == "audio"))
            : null;
    }

    private static int Rotation(JsonElement video)
    {
        if (video.TryGetProperty("tags", out var tags) && tags.TryGetProperty("rotate", out var rotate)
            && int.TryParse(rotate.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var degrees))
        {
            return ((degrees % 360) + 360) % 360;
        }

        if (video.TryGetProperty("side_data_list", out var sides))
        {
            foreach (var side in sides.EnumerateArray())
            {
                if (side.TryGetProperty("rotation", out var r) && r.TryGetInt32(out var d))
                {
                    return ((d % 360) + 360) % 360;
                }
            }
        }

        return 0;
    }

    private static string? Text(JsonElement element, string name)
    {
        if (name.Split('.') is [var outer, var inner])
        {
            return element.TryGetProperty(outer, out var o) && o.TryGetProperty(inner, out var i) ? i.ToString() : null;
        }

        return element.TryGetProperty(name, out var value) ? value.ToString() : null;
    }

    private static double? Number(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (!element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return double.TryParse(element.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
