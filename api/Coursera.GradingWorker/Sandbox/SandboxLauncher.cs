using System.Collections.Concurrent;
using System.Diagnostics;

namespace Coursera.GradingWorker.Sandbox;

/// <summary>
/// Starts bubblewrap from one thread that lives as long as the worker. <c>--die-with-parent</c> is
/// <c>PR_SET_PDEATHSIG</c>, which fires when the <em>thread</em> that started bubblewrap ends, not the process: started
/// from a pool thread, a sandbox is killed whenever the pool retires that thread, in the middle of a grader's run.
/// </summary>
internal static class SandboxLauncher
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Launches = StartThread();

    public static Task StartAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Launches.Add((process, started));
        return started.Task;
    }

    private static BlockingCollection<(Process, TaskCompletionSource)> StartThread()
    {
        var launches = new BlockingCollection<(Process, TaskCompletionSource)>();
        var thread = new Thread(() =>
        {
            foreach (var (process, started) in launches.GetConsumingEnumerable())
            {
                try
                {
                    process.Start();
                    started.SetResult();
                }
#pragma warning disable CA1031 // Handed to the caller, whose start it was.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    started.SetException(e);
                }
            }
        })
        {
            IsBackground = true,
            Name = "Grading sandbox launcher",
        };
        thread.Start();
        return launches;
    }
}
