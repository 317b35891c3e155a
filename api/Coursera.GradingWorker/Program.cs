namespace Coursera.GradingWorker;

/// <summary>The reference grading worker: leases programming-assignment submissions and grades them in a sandbox.</summary>
public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddGradingWorker();
        await builder.Build().RunAsync();
    }
}
