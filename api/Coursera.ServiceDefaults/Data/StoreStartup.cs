using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coursera.ServiceDefaults.Data;

/// <summary>
/// Sets up every store of the process, in the order the modules registered them, before any hosted service starts:
/// it runs in <see cref="IHostedLifecycleService.StartingAsync"/>, which the host calls on all lifecycle services
/// before the first <c>StartAsync</c>. So relays, consumers, background jobs and Data Protection's key ring (which
/// the webhooks store holds) always find their tables, whatever order they were registered in. The stores' own steps
/// run in store order: a step needing another store's tables belongs to a store registered after it.
/// </summary>
internal sealed partial class StoreStartup(IEnumerable<IStoreSetup> stores, IServiceProvider services, ILogger<StoreStartup> logger)
    : IHostedLifecycleService
{
    /// <summary>The <c>migrate</c> command: every store migrated, seeded where configured, whatever MigrateOnStart says.</summary>
    public async Task MigrateAllAsync(CancellationToken cancellationToken)
    {
        foreach (var store in stores)
        {
            await SetUpAsync(store, cancellationToken);
        }
    }

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var store in stores.Where(s => s.Options(services).MigrateOnStart))
        {
            await SetUpAsync(store, cancellationToken);
        }
    }

    private async Task SetUpAsync(IStoreSetup store, CancellationToken cancellationToken)
    {
        var applied = await store.MigrateAsync(services, cancellationToken);
        LogMigrated(logger, store.Name, applied);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {Store} is migrated ({Applied} migrations applied)")]
    private static partial void LogMigrated(ILogger logger, string store, int applied);
}
