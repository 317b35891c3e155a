using System.Diagnostics;
using Coursera.Testing;

namespace Coursera.Webhooks.Tests;

/// <summary>The dispatcher as a process of its own, killed with SIGKILL in the middle of a batch and started again.</summary>
public sealed class CrashTests
{
    [Fact]
    public async Task A_dispatcher_killed_mid_batch_loses_nothing_and_a_repeat_carries_the_same_webhook_id()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(100);
        await using var app = await WebhooksApp.StartAsync(dispatch: false); // registers, and publishes as a relay would
        var tenant = Guid.CreateVersion7();
        await app.Endpoints.CreateAsync(tenant, receiver.Url, [], null, CancellationToken.None);
        var events = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            events.Add((await app.PublishAsync(tenant)).Id.ToString());
        }

        using (var first = StartDispatcher(app))
        {
            await WebhooksApp.WaitUntilAsync(() => receiver.Requests.Count >= 20, seconds: 60);
            first.Kill(); // SIGKILL: no shutdown, in the middle of sending
            await first.WaitForExitAsync();
        }

        Assert.True(receiver.Delivered.Count < 200, "the first dispatcher should not have finished");
        using var second = StartDispatcher(app);
        try
        {
            await WebhooksApp.WaitUntilAsync(() => receiver.Delivered.Count == 200, seconds: 90);
        }
        finally
        {
            second.Kill();
        }

        Assert.Equal(events.Order(), receiver.Delivered.Order());
        // A repeat is a delivery the first process sent but never recorded: same webhook-id, so receivers can drop it.
        Assert.All(receiver.Requests, r => Assert.Contains(r.WebhookId, events));
    }

    private static Process StartDispatcher(WebhooksApp app)
    {
        var start = new ProcessStartInfo("dotnet", [DispatcherAssembly()])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__Postgres"] = app.ConnectionString;
        start.Environment["ConnectionStrings__Redis"] = TestInfrastructure.Redis;
        start.Environment["Events__Stream"] = app.Stream;
        start.Environment["Events__IdleDelay"] = "00:00:00.010";
        start.Environment["Webhooks__AllowPrivateTargets"] = "true";
        start.Environment["Webhooks__IdleDelay"] = "00:00:00.010";
        start.Environment["Webhooks__Lease"] = "00:00:02";
        start.Environment["Webhooks__BatchSize"] = "50";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The dispatcher built beside this test (same configuration: Debug or Release).</summary>
    private static string DispatcherAssembly()
    {
        // …/bin/{Debug|Release}/net10.0/
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coursera.sln")))
            {
                var assembly = Path.Combine(dir.FullName, "webhooks", "Coursera.Webhooks", "bin", configuration, "net10.0", "Coursera.Webhooks.dll");
                return File.Exists(assembly) ? assembly : throw new FileNotFoundException("Build the solution first.", assembly);
            }
        }

        throw new InvalidOperationException("The repository root was not found above the test assembly.");
    }
}
