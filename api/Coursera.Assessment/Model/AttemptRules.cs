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

    /// <summary>The item's grade from the scores of the graded attempts, oldest first, by the policy's method.</summary>
    public static double? Kept(GradingMethod method, IReadOnlyList<double> scoresOldestFirst)
    {
        ArgumentNullException.ThrowIfNull(scoresOldestFirst);
        if (scoresOldestFirst.Count == 0)
        {
            return null;
        }

        return method switch
        {
            GradingMethod.Highest => scoresOldestFirst.Max(),
            GradingMethod.Latest => scoresOldestFirst[^1],
            GradingMethod.Average => scoresOldestFirst.Average(),
            GradingMethod.First => scoresOldestFirst[0],
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown grading method."),
        };
    }
}
