using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Transcoding;

/// <summary>
/// Runs ffmpeg to make the ladder in one pass (one decode, one encoder per rung): H.264 and AAC in fragmented MP4
/// (CMAF) segments, keyframes forced on the segment boundary so every rung cuts at the same times, written as a DASH
/// MPD and an HLS master playlist over the same segments (ffmpeg's dash muxer with <c>hls_playlist</c>); then a
/// poster from a frame a little into the video.
/// </summary>
public sealed partial class LadderEncoder(IOptions<MediaOptions> options, ILogger<LadderEncoder> logger)
{
    public const string HlsMaster = "master.m3u8";
    public const string DashManifest = "manifest.mpd";
    public const string Poster = "poster.jpg";

    /// <summary>Encodes <paramref name="source"/> into <paramref name="folder"/>, reporting the share done (0 to 1).</summary>
    public async Task EncodeAsync(string source, MediaProbe probe, IReadOnlyList<Ladder.Rung> rungs, string folder, Func<double, Task> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(rungs);
        ArgumentNullException.ThrowIfNull(progress);
        var settings = options.Value.Transcoding;
        var segment = settings.SegmentSeconds.ToString(CultureInfo.InvariantCulture);
        var split = string.Concat(rungs.Select((_, i) => $"[v{i}]"));
        // Every rung keeps the source's display aspect ratio (the DASH muxer refuses an adaptation set whose ratios
        // differ, and a 426x240 rung of a 16:9 source is not quite 16:9 in square pixels).
        var aspect = $"{probe.Width}/{probe.Height}";
        var scales = string.Join(';', rungs.Select((r, i) => $"[v{i}]scale={r.Width}:{r.Height},setdar={aspect}[o{i}]"));
        List<string> arguments = ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", source,
            "-filter_complex", $"[0:v]split={rungs.Count}{split};{scales}"];
        for (var i = 0; i < rungs.Count; i++)
        {
            var bitrate = rungs[i].VideoBitrate.ToString(CultureInfo.InvariantCulture);
            var buffer = (rungs[i].VideoBitrate * 2).ToString(CultureInfo.InvariantCulture);
            arguments.AddRange(["-map", $"[o{i}]", $"-b:v:{i}", bitrate, $"-maxrate:v:{i}", bitrate, $"-bufsize:v:{i}", buffer]);
        }

        if (probe.HasAudio)
        {
            arguments.AddRange(["-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-ac", "2"]);
        }

        arguments.AddRange([
            "-c:v", "libx264", "-preset", settings.Preset, "-profile:v", "main", "-pix_fmt", "yuv420p",
            "-sc_threshold", "0", "-force_key_frames", $"expr:gte(t,n_forced*{segment})",
            "-f", "dash", "-seg_duration", segment, "-use_template", "1", "-use_timeline", "1", "-hls_playlist", "1",
            "-init_seg_name", "init_$RepresentationID$.mp4", "-media_seg_name", "chunk_$RepresentationID$_$Number%05d$.m4s",
            "-adaptation_sets", probe.HasAudio ? "id=0,streams=v id=1,streams=a" : "id=0,streams=v",
            "-progress", "pipe:1", Path.Combine(folder, DashManifest)]);
        await RunAsync(arguments, line =>
        {
            // ffmpeg's progress lines: out_time_us is how far into the source the slowest output is.
            if (line.StartsWith("out_time_us=", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var microseconds))
            {
                return progress(Math.Clamp(microseconds / 1e6 / probe.DurationSeconds, 0, 1));
            }

            return Task.CompletedTask;
        }, cancellationToken);

        var at = Math.Min(5, probe.DurationSeconds * 0.1).ToString("0.###", CultureInfo.InvariantCulture);
        await RunAsync(["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-ss", at, "-i", source, "-frames:v", "1",
            "-vf", $"scale=-2:{Math.Min(720, rungs[^1].Height)}", "-q:v", "3", Path.Combine(folder, Poster)], _ => Task.CompletedTask, cancellationToken);
    }

    private async Task RunAsync(IEnumerable<string> arguments, Func<string, Task> onLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.Value.Transcoding.Ffmpeg)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                await onLine(line);
            }

            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The lease was lost or the service is stopping: the encoder must not go on writing.
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var message = (await errors).Trim();
            LogFailed(logger, process.ExitCode, message);
            throw new TranscodingException($"ffmpeg exited with {process.ExitCode}: {(message.Length > 500 ? message[^500..] : message)}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ffmpeg failed ({ExitCode}): {Error}")]
    private static partial void LogFailed(ILogger logger, int exitCode, string error);
}

/// <summary>ffmpeg failed on a source that ffprobe accepted (worth another try: it may be the machine).</summary>
public sealed class TranscodingException(string message) : Exception(message);
