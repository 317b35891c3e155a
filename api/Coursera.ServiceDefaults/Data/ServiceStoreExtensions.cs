using Coursera.ServiceDefaults.DataProtection;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Coursera.ServiceDefaults.Data;

/// <summary>How a service gets its relational store: one call in its module.</summary>
public static class ServiceStoreExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the process's PostgreSQL data source in <paramref name="schema"/>
    /// (pooled factory, and a scoped context for libraries that take one), its <see cref="ServiceStore{TContext}"/>, and
    /// its set-up: migrations applied on start when <c>{section}:MigrateOnStart</c>, seed steps when <c>{section}:Seed</c>,
    /// and always by the <c>migrate</c> command. Stores are set up in the order modules register them.
    /// </summary>
    public static ServiceStoreBuilder<TContext> AddServiceStore<TContext>(this IHostApplicationBuilder builder, string schema, string section)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(new ServiceStore<TContext>(schema, section));
        services.AddPooledDbContextFactory<TContext>((sp, options) => ServiceStore<TContext>.Configure(options, sp.GetRequiredService<NpgsqlDataSource>(), schema));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        services.AddOptions<ServiceStoreOptions>(typeof(TContext).Name).Bind(builder.Configuration.GetSection(section));

        var setup = new StoreSetup<TContext>();
        services.AddSingleton<IStoreSetup>(setup);
        if (!services.Any(d => d.ServiceType == typeof(StoreStartup)))
        {
            services.AddSingleton<StoreStartup>();
            services.AddHostedService(sp => sp.GetRequiredService<StoreStartup>());
        }

        return new ServiceStoreBuilder<TContext>(services, setup);
    }

    /// <summary>Adds a step to a store another module registered (the all-in-one host's sample data across services).</summary>
    public static IServiceCollection AddStoreStep<TContext, TStep>(this IServiceCollection services)
        where TContext : DbContext
        where TStep : class, IStoreStep<TContext>
    {
        ArgumentNullException.ThrowIfNull(services);
        var setup = services.Where(d => !d.IsKeyedService).Select(d => d.ImplementationInstance).OfType<StoreSetup<TContext>>().SingleOrDefault()
            ?? throw new InvalidOperationException($"{typeof(TContext).Name} is not registered: add its module first.");
        new ServiceStoreBuilder<TContext>(services, setup).AfterMigration<TStep>();
        return services;
    }

    /// <summary>
    /// Runs the application, or with the <c>migrate</c> argument (deployments run it before a rollout) applies every
    /// store's migrations, seeds where configured, and returns without serving.
    /// </summary>
    public static async Task<int> RunOrMigrateAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "migrate" or "--migrate"))
        {
            if (app.Services.GetService<StoreStartup>() is { } stores)
            {
                await stores.MigrateAllAsync(app.Lifetime.ApplicationStopping);
            }

            PlatformDataProtection.CreateFirstKey(app.Services);
            return 0;
        }

        await app.RunAsync();
        return 0;
    }
}
