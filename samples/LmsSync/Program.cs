namespace LmsSync;

/// <summary>The console entry point: Ctrl+C stops a <c>sync --follow</c> cleanly (its cursor is already saved).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };
        return await LmsSyncApp.RunAsync(args, Console.Out, stopping.Token);
    }
}
