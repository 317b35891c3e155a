namespace Coursera.Events;

/// <summary>
/// The loop of the background workers that poll (outbox relay, consumers, webhook dispatcher): run a round, pause
/// when it found little to do, and outlive a failing round (a database or Redis outage) with a longer pause. Ends
/// quietly when the host stops.
/// </summary>
public static class PollingLoop
{
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(1);

    /// <param name="round">One round; returns true when it should be followed at once (it found a full batch).</param>
    /// <param name="idleDelay">The pause after a round that found little; cut short by <paramref name="wakeup"/>.</param>
    /// <param name="failed">Told of a failed round (to log it) before the pause.</param>
    /// <param name="wakeup">Raised when there may be work (a database notification), if the worker has one.</param>
    public static async Task RunAsync(Func<CancellationToken, Task<bool>> round, TimeSpan idleDelay, Action<Exception> failed,
        CancellationToken stoppingToken, Signals.Wakeup? wakeup = null)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(failed);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var woken = wakeup?.Next();
                if (!await round(stoppingToken))
                {
                    await PauseAsync(woken, idleDelay, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A worker outlives a failed round; what failed is retried in the next one.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failed(e);
                try
                {
                    await Task.Delay(AfterFailure, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static async Task PauseAsync(Task? woken, TimeSpan idleDelay, CancellationToken stoppingToken)
    {
        if (woken is null)
        {
            await Task.Delay(idleDelay, stoppingToken);
            return;
        }

        try
        {
            await woken.WaitAsync(idleDelay, stoppingToken);
        }
        catch (TimeoutException)
        {
            // Nothing announced: look anyway, in case a notification was lost.
        }
    }
}
