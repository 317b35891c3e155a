namespace Coursera.Events.Signals;

/// <summary>
/// Wakes every waiting polling loop at once when there may be work (a PostgreSQL notification arrived). A loop takes
/// <see cref="Next"/> before its round, so a signal raised while the round runs is not missed.
/// </summary>
public sealed class Wakeup
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next <see cref="Signal"/>.</summary>
    public Task Next() => Volatile.Read(ref _next).Task;

    public void Signal() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
