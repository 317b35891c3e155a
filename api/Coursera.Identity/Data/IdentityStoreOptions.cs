using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Identity.Data;

internal static class IdentityStoreOptions
{
    /// <summary>The one place that says how identity maps to PostgreSQL: its schema, snake_case, its history table, OpenIddict's entities.</summary>
    public static DbContextOptionsBuilder UseIdentityStore(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, Npgsql).UseSnakeCaseNamingConvention().UseOpenIddict<Guid>();

    public static DbContextOptionsBuilder<IdentityServiceDbContext> UseIdentityStore(
        this DbContextOptionsBuilder<IdentityServiceDbContext> options, string connectionString)
    {
        options.UseNpgsql(connectionString, Npgsql).UseSnakeCaseNamingConvention().UseOpenIddict<Guid>();
        return options;
    }

    private static void Npgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable("__ef_migrations_history", IdentityServiceDbContext.Schema);
}
