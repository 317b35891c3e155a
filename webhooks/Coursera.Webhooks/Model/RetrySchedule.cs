namespace Coursera.Webhooks.Model;

/// <summary>
/// Standard Webhooks' schedule: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after each failure,
/// each delay stretched by up to 10% of jitter so a recovering receiver is not hit by every sender at once.
/// </summary>
public static class RetrySchedule
{
    public static IReadOnlyList<TimeSpan> Standard { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failure, or null when the schedule is spent.</summary>
    public static TimeSpan? After(IReadOnlyList<TimeSpan> delays, int failedAttempts, Random random, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(delays);
        ArgumentNullException.ThrowIfNull(random);
        if (failedAttempts < 1 || failedAttempts > delays.Count)
        {
            return null;
        }

        var delay = delays[failedAttempts - 1];
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked;
        }

        return delay + TimeSpan.FromMilliseconds(random.NextDouble() * delay.TotalMilliseconds * 0.1);
    }
}
