using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Webhooks.Data;

internal static class WebhooksStoreOptions
{
    public static DbContextOptionsBuilder UseWebhooksStore(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, Npgsql).UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder<WebhooksDbContext> UseWebhooksStore(this DbContextOptionsBuilder<WebhooksDbContext> options, string connectionString)
    {
        options.UseNpgsql(connectionString, Npgsql).UseSnakeCaseNamingConvention();
        return options;
    }

    private static void Npgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable("__ef_migrations_history", WebhooksDbContext.Schema);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class WebhooksDbContextDesignFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<WebhooksDbContext>
{
    public WebhooksDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WebhooksDbContext>().UseWebhooksStore("Host=localhost;Database=coursera").Options);
}
