using Microsoft.EntityFrameworkCore;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Coursera.ServiceDefaults.Data;

/// <summary>
/// How one service's <typeparamref name="TContext"/> maps to PostgreSQL, said once: its own schema, snake_case names,
/// its migration history inside that schema. The DI registration, the design-time factory and contexts opened on an
/// event handler's transaction all configure through it.
/// </summary>
public sealed class ServiceStore<TContext>(string schema, string section)
    where TContext : DbContext
{
    public string Schema => schema;

    /// <summary>The configuration section that holds <see cref="ServiceStoreOptions"/> for this store.</summary>
    public string Section => section;

    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource, string schema) =>
        options.UseNpgsql(dataSource, History(schema)).UseSnakeCaseNamingConvention();

    public static void Configure(DbContextOptionsBuilder options, string connectionString, string schema) =>
        options.UseNpgsql(connectionString, History(schema)).UseSnakeCaseNamingConvention();

    /// <summary>
    /// A context on an event handler's connection, enlisted in its inbox transaction: what it saves commits with the
    /// inbox row, or not at all.
    /// </summary>
    public async Task<TContext> OnTransactionAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var options = new DbContextOptionsBuilder<TContext>();
        options.UseNpgsql(transaction.Connection!, History(schema)).UseSnakeCaseNamingConvention();
        var db = Create(options.Options);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return db;
    }

    internal static TContext Create(DbContextOptions<TContext> options) => (TContext)Activator.CreateInstance(typeof(TContext), options)!;

    private static Action<NpgsqlDbContextOptionsBuilder> History(string schema) =>
        npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", schema);
}
