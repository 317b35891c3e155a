using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coursera.ServiceDefaults.Caching;

public static class CachingExtensions
{
    /// <summary>
    /// HybridCache with Redis as its second level when <c>ConnectionStrings:Redis</c> is set (memory only otherwise),
    /// the <see cref="PublicCache"/> services read through, and the channel that carries invalidations to every instance.
    /// </summary>
    internal static void AddCaching(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(CachingOptions.Section);
        builder.Services.AddOptions<CachingOptions>().Bind(section)
            .Validate(o => o.Expiration > TimeSpan.Zero && o.LocalExpiration > TimeSpan.Zero && o.LocalExpiration <= o.Expiration,
                $"{CachingOptions.Section}: Expiration and LocalExpiration must be positive, and LocalExpiration no longer than Expiration.")
            .ValidateOnStart();
        var prefix = CacheKeyPrefix.From(builder.Configuration, section.Get<CachingOptions>() ?? new CachingOptions());
        builder.Services.AddSingleton(prefix);

        var redis = builder.Configuration.GetConnectionString("Redis");
        if (!string.IsNullOrEmpty(redis))
        {
            // A connection of its own: the distributed cache closes its connection when the host stops, and the shared
            // one must outlive it for the event consumers still draining.
            builder.Services.AddStackExchangeRedisCache(cache =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                // As the shared connection: while Redis is unreachable a read falls back to its source at once instead
                // of waiting for the command timeout.
                options.BacklogPolicy = BacklogPolicy.FailFast;
                cache.ConfigurationOptions = options;
                cache.InstanceName = prefix.Value;
            });
        }

        builder.Services.AddHybridCache().AddSerializerFactory<EntityJsonSerializerFactory>();
        builder.Services.AddOptions<HybridCacheOptions>().Configure<IOptions<CachingOptions>>((hybrid, caching) =>
            hybrid.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = caching.Value.Expiration,
                LocalCacheExpiration = caching.Value.LocalExpiration,
            });
        builder.Services.AddSingleton<CacheInvalidationChannel>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CacheInvalidationChannel>());
        builder.Services.AddSingleton<PublicCache>();
    }
}
