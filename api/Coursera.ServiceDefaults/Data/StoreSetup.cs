using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coursera.ServiceDefaults.Data;

/// <summary>One store as <see cref="StoreStartup"/> sees it: migrate it, then run its steps.</summary>
internal interface IStoreSetup
{
    string Name { get; }

    ServiceStoreOptions Options(IServiceProvider services);

    /// <summary>Applies pending migrations and runs the steps; returns how many migrations were applied.</summary>
    Task<int> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);
}

internal sealed class StoreSetup<TContext> : IStoreSetup
    where TContext : DbContext
{
    private readonly List<(Type Step, bool SeedOnly)> _steps = [];

    public string Name => typeof(TContext).Name;

    public void Add(Type step, bool seedOnly) => _steps.Add((step, seedOnly));

    public ServiceStoreOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<ServiceStoreOptions>>().Get(Name);

    public async Task<int> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var seed = Options(services).Seed;
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);
        foreach (var (step, seedOnly) in _steps.Where(s => seed || !s.SeedOnly))
        {
            await ((IStoreStep<TContext>)scope.ServiceProvider.GetRequiredService(step)).RunAsync(db, cancellationToken);
        }

        return pending;
    }
}
