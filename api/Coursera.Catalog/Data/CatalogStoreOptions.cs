using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Catalog.Data;

internal static class CatalogStoreOptions
{
    /// <summary>The one place that says how the catalog maps to PostgreSQL: its schema, snake_case, its history table.</summary>
    public static DbContextOptionsBuilder UseCatalogStore(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, Npgsql).UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder<CatalogDbContext> UseCatalogStore(
        this DbContextOptionsBuilder<CatalogDbContext> options, string connectionString)
    {
        options.UseNpgsql(connectionString, Npgsql).UseSnakeCaseNamingConvention();
        return options;
    }

    private static void Npgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable("__ef_migrations_history", CatalogDbContext.Schema);
}
