using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Coursera.ServiceDefaults.Caching;

/// <summary>The start of the cache's Redis keys and channel (<see cref="CachingOptions.KeyPrefix"/>).</summary>
public sealed record CacheKeyPrefix(string Value)
{
    public static CacheKeyPrefix From(IConfiguration configuration, CachingOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            return new(options.KeyPrefix);
        }

        var postgres = configuration.GetConnectionString("Postgres");
        var database = string.IsNullOrEmpty(postgres) ? null : new NpgsqlConnectionStringBuilder(postgres).Database;
        return new(database is null ? "coursera:cache:" : $"coursera:cache:{database}:");
    }
}
