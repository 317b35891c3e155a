namespace Coursera.Assessment.Model;

/// <summary>
/// Whether a learner may start another attempt now, and if not, when: the policy's total, window and cooldown rules
/// over the attempts already made (started and, for the cooldown, submitted times), on the server's clock.
/// </summary>
public static class AttemptRules
{
    public sealed record Availability(int? Remaining, DateTime? NextAvailableAt)
    {
        public bool CanStart(DateTime now) => Remaining is null or > 0 && (NextAvailableAt is null || NextAvailableAt <= now);
    }

    public static Availability Check(AttemptPolicy policy, IReadOnlyList<(DateTime StartedAt, DateTime? SubmittedAt)> attempts, int extraAttempts,
        DateTime now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(attempts);
        int? remaining = policy.MaxAttempts is { } max ? Math.Max(0, max + extraAttempts - attempts.Count) : null;
        if (remaining == 0)
        {
            return new Availability(0, null);
        }

        DateTime? next = null;
        if (policy.AttemptsPerWindow is { } perWindow && policy.WindowHours is { } hours)
        {
            var window = TimeSpan.FromHours(hours);
            var recent = attempts.Select(a => a.StartedAt).Where(s => s > now - window).Order().ToList();
            if (recent.Count >= perWindow)
            {
                // The window reopens when enough of the recent attempts have aged out of it.
                next = recent[recent.Count - perWindow] + window;
            }
        }

        if (policy.CooldownMinutes is { } cooldown && attempts.Count > 0
            && attempts.Max(a => a.SubmittedAt ?? a.StartedAt) + TimeSpan.FromMinutes(cooldown) is var after && after > now)
        {
            next = next is { } n && n > after ? n : after;
        }

        return new Availability(remaining, next);
    }

    /// <summary>The attempts the rules count: all but submissions no grader could grade (not the learner's doing).</summary>
    public static IReadOnlyList<(DateTime StartedAt, DateTime? SubmittedAt)> Counted(IEnumerable<Attempt> attempts) =>
        [.. attempts.Where(a => a.State != AttemptState.GradingFailed).Select(a => (a.StartedAt, a.SubmittedAt))];

    /// <summary>A graded attempt's score and what it earned before its late penalty.</summary>
    public sealed record GradedScore(double Score, double RawScore);

    /// <summary>An item's kept grade, and what late penalties took from it (in the same units: 0 to 1).</summary>
    public sealed record KeptGrade(double Score, double LateLoss);

    /// <summary>
    /// The item's grade from the graded attempts, oldest first, by the policy's method (the highest, latest or first
    /// score, or the average), with the late loss of the attempt kept (or the average loss).
    /// </summary>
    public static KeptGrade? Kept(GradingMethod method, IReadOnlyList<GradedScore> oldestFirst)
    {
        ArgumentNullException.ThrowIfNull(oldestFirst);
        if (oldestFirst.Count == 0)
        {
            return null;
        }

        if (method == GradingMethod.Average)
        {
            return new KeptGrade(oldestFirst.Average(a => a.Score), oldestFirst.Average(a => a.RawScore - a.Score));
        }

        var kept = method switch
        {
            GradingMethod.Highest => oldestFirst.MaxBy(a => a.Score)!,
            GradingMethod.Latest => oldestFirst[^1],
            GradingMethod.First => oldestFirst[0],
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown grading method."),
        };
        return new KeptGrade(kept.Score, kept.RawScore - kept.Score);
    }
}
