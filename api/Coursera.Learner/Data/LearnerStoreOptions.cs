using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Learner.Data;

internal static class LearnerStoreOptions
{
    public static DbContextOptionsBuilder UseLearnerStore(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, Npgsql).UseSnakeCaseNamingConvention();

    /// <summary>A context on an event consumer's connection, enlisted in its inbox transaction: what it saves commits with the inbox row.</summary>
    public static async Task<LearnerDbContext> OnInboxTransactionAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var db = new LearnerDbContext(new DbContextOptionsBuilder<LearnerDbContext>()
            .UseNpgsql(transaction.Connection!, Npgsql).UseSnakeCaseNamingConvention().Options);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return db;
    }

    public static DbContextOptionsBuilder<LearnerDbContext> UseLearnerStore(this DbContextOptionsBuilder<LearnerDbContext> options, string connectionString)
    {
        options.UseNpgsql(connectionString, Npgsql).UseSnakeCaseNamingConvention();
        return options;
    }

    private static void Npgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable("__ef_migrations_history", LearnerDbContext.Schema);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class LearnerDbContextDesignFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<LearnerDbContext>
{
    public LearnerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LearnerDbContext>().UseLearnerStore("Host=localhost;Database=coursera").Options);
}
