using System.Globalization;
using System.Text.Json;

namespace Coursera.GradingWorker.Sandbox;

/// <summary>How one run of a grader ended.</summary>
internal sealed record GraderRun(int ExitCode, bool TimedOut, string Output, string Errors);

/// <summary>
/// Turns how a grader ended into the learner's score and feedback. Anything but a clean exit with a well-formed result
/// scores 0, with feedback that lets the learner (or the assignment's author) see why.
/// </summary>
internal static class GraderVerdict
{
    private const int ErrorTailLength = 2000;

    public static GradingOutcome Of(GraderRun run, int timeLimitSeconds)
    {
        if (run.TimedOut)
        {
            return new(0, $"The run took longer than {Seconds(timeLimitSeconds)}, the time limit, and was stopped.");
        }

        var result = LastNonEmptyLine(run.Output);
        string problem;
        if (run.ExitCode != 0)
        {
            problem = $"The grader failed with exit code {run.ExitCode}.";
        }
        else if (result is null)
        {
            problem = "The grader printed no result (exit code 0).";
        }
        else if (TryRead(result, out var outcome, out var invalid))
        {
            return outcome;
        }
        else
        {
            problem = $"The grader's result is invalid (exit code 0): {invalid}.";
        }

        var errors = ErrorTail(run.Errors);
        return new(0, errors.Length == 0 ? problem : $"{problem}\n\nThe end of its error output:\n{errors}");
    }

    private static bool TryRead(string line, out GradingOutcome outcome, out string invalid)
    {
        outcome = new(0, "");
        invalid = """its last line should be {"fractionalScore": 0..1, "feedback": "…"}""";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("fractionalScore", out var score) || score.ValueKind != JsonValueKind.Number)
            {
                return false;
            }

            var feedback = "";
            if (root.TryGetProperty("feedback", out var text))
            {
                if (text.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                feedback = text.GetString()!;
            }

            var value = score.GetDouble();
            if (!double.IsFinite(value) || value < 0 || value > 1)
            {
                invalid = $"fractionalScore {score.GetRawText()} is not between 0 and 1";
                return false;
            }

            outcome = new(value, Shorten(feedback, GradingOutcome.MaxFeedbackLength));
            return true;
        }
    }

    private static string? LastNonEmptyLine(string output)
    {
        var lines = output.Split('\n');
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i].Trim();
            if (line.Length > 0)
            {
                return line;
            }
        }

        return null;
    }

    private static string ErrorTail(string errors)
    {
        var text = errors.TrimEnd();
        if (text.Length <= ErrorTailLength)
        {
            return text;
        }

        // From the start of a line, when one begins near the cut, so that the first line shown is a whole one.
        var tail = text[^ErrorTailLength..];
        var newline = tail.IndexOf('\n', StringComparison.Ordinal);
        return "…" + (newline >= 0 && newline < ErrorTailLength / 2 ? tail[(newline + 1)..] : tail);
    }

    private static string Shorten(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = length - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    private static string Seconds(int seconds) =>
        seconds == 1 ? "1 second" : string.Create(CultureInfo.InvariantCulture, $"{seconds} seconds");
}
