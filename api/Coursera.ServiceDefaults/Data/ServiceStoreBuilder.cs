using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coursera.ServiceDefaults.Data;

/// <summary>What a module adds to its store after <see cref="ServiceStoreExtensions.AddServiceStore{TContext}"/>: its set-up steps, in order.</summary>
public sealed class ServiceStoreBuilder<TContext>
    where TContext : DbContext
{
    private readonly IServiceCollection _services;
    private readonly StoreSetup<TContext> _setup;

    internal ServiceStoreBuilder(IServiceCollection services, StoreSetup<TContext> setup)
    {
        _services = services;
        _setup = setup;
    }

    /// <summary>Runs <typeparamref name="TStep"/> every time the store is migrated (indexes, reference data).</summary>
    public ServiceStoreBuilder<TContext> AfterMigration<TStep>()
        where TStep : class, IStoreStep<TContext> => Add<TStep>(seedOnly: false);

    /// <summary>Runs <typeparamref name="TStep"/> after migrating when the section's <c>Seed</c> is on; the step leaves a non-empty store alone.</summary>
    public ServiceStoreBuilder<TContext> Seed<TStep>()
        where TStep : class, IStoreStep<TContext> => Add<TStep>(seedOnly: true);

    private ServiceStoreBuilder<TContext> Add<TStep>(bool seedOnly)
        where TStep : class, IStoreStep<TContext>
    {
        _services.TryAddScoped<TStep>();
        _setup.Add(typeof(TStep), seedOnly);
        return this;
    }
}
